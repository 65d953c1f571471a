import { connectTcp, type ByteLink } from '../transport';
import { transportToClient } from './error-mapping';
import { IedClient } from './ied-client';
import type { NameListLimits } from './limits';
import { MmsConnection } from './mms-connection';
import type { IsoStack } from './mms-connection-types';
import type { TrafficTap } from './traffic-tap';

export interface IedEndpoint {
  host: string;
  port: number;
  /** ACSE password (authentication mechanism 2.2.3.1). */
  password?: string;
  /** TCP connect timeout (CONVENTIONS: 5 s). */
  connectTimeoutMs?: number;
  /** The local address to connect from; default: the OS picks (the IED records it as RCB Owner). */
  localAddress?: string;
  /** Association and per-request timeout (CONVENTIONS: 5 s). */
  requestTimeoutMs?: number;
  /** MMS PDU size to propose (default 65000). */
  maxPduSize?: number;
  tap?: TrafficTap;
  /** Budgets for name lists (per list, per domain, per association). */
  nameLists?: Partial<NameListLimits>;
}

/** Builds the ISO stack for one association; core/iso's association in production. */
export type IsoStackFactory = (endpoint: IedEndpoint) => IsoStack;

export interface IedSession {
  readonly where: string;
  /** This end of the TCP link, `address:port`: the address the IED records as Owner of the RCBs we hold. */
  readonly local: string;
  readonly connection: MmsConnection;
  readonly client: IedClient;
  /** Conclude, release and close; aborts if the IED does not answer within `timeoutMs` (2 s) per step. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * TCP connect (with keepalive), ISO association and MMS initiate, as one step with typed failures:
 * connection-refused, connect-timeout, unreachable, association-rejected (with the reason), timeout.
 */
export async function openIed(endpoint: IedEndpoint, createIso: IsoStackFactory): Promise<IedSession> {
  const where = `${endpoint.host}:${endpoint.port}`;
  let link: ByteLink;
  try {
    link = await connectTcp({
      host: endpoint.host,
      port: endpoint.port,
      connectTimeoutMs: endpoint.connectTimeoutMs ?? 5000,
      ...(endpoint.localAddress ? { localAddress: endpoint.localAddress } : {}),
    });
  } catch (err) {
    throw transportToClient(err, where);
  }
  const connection = await MmsConnection.open(link, createIso(endpoint), {
    where,
    associateTimeoutMs: endpoint.requestTimeoutMs ?? 5000,
    requestTimeoutMs: endpoint.requestTimeoutMs ?? 5000,
    ...(endpoint.maxPduSize !== undefined ? { initiate: { maxPduSize: endpoint.maxPduSize } } : {}),
    ...(endpoint.tap ? { tap: endpoint.tap } : {}),
  });
  const client = new IedClient(connection, endpoint.nameLists ? { nameLists: endpoint.nameLists } : {});
  return { where, local: link.local, connection, client, close: (timeoutMs) => connection.close(timeoutMs) };
}
