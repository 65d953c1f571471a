/**
 * Typed errors shared by every layer. Each layer defines its own codes and translates the errors of the
 * layer below at its boundary, so a message always says which layer failed, what, and where.
 */
export type ErrorLayer =
  | 'asn1'
  | 'iso'
  | 'mms'
  | 'iec61850'
  | 'scl'
  | 'transport'
  | 'client'
  | 'server'
  | 'sim'
  | 'contract'
  | 'service'
  | 'cli'
  | 'project'
  | 'output'
  | 'verify'
  | 'report'
  | 'print';

export class RelayGateError extends Error {
  readonly layer: ErrorLayer;
  readonly code: string;
  /** Byte offset into the input where decoding failed, when the error comes from a decoder. */
  readonly offset: number | undefined;

  constructor(layer: ErrorLayer, code: string, message: string, options?: { offset?: number; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'RelayGateError';
    this.layer = layer;
    this.code = code;
    this.offset = options?.offset;
  }

  /** One line for logs and the CLI: `layer/code at offset N: message`. */
  toLine(): string {
    const at = this.offset === undefined ? '' : ` at offset ${this.offset}`;
    return `${this.layer}/${this.code}${at}: ${this.message}`;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof RelayGateError) return err.toLine();
  if (err instanceof Error) return err.message;
  return String(err);
}
