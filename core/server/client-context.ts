import type { InformationReport } from '../mms';

/** One client association as the model's hooks and the report engine see it. */
export interface ClientContext {
  /** Unique for the life of the server. */
  readonly id: number;
  /** The client's `address:port`. */
  readonly remote: string;
  /** The MMS PDU size negotiated by Initiate: nothing larger may be sent to this client. */
  readonly maxPduSize: number;
  readonly closed: boolean;
  /** Sends an unconfirmed InformationReport (a report, LastApplError, CommandTermination). */
  sendReport(report: InformationReport): void;
  /** Called once when the association ends, for whatever reason. */
  onClose(listener: () => void): void;
}
