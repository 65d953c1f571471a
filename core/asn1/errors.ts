import { RelayGateError } from '../shared';

export type Asn1ErrorCode =
  | 'truncated'
  | 'bad-length'
  | 'length-too-large'
  | 'indefinite-length'
  | 'too-deep'
  | 'too-many-elements'
  | 'bad-tag'
  | 'unexpected-tag'
  | 'bad-value'
  | 'trailing-bytes';

/** A BER decoding or encoding failure, with the byte offset where the input stopped making sense. */
export class Asn1Error extends RelayGateError {
  declare readonly code: Asn1ErrorCode;

  constructor(code: Asn1ErrorCode, message: string, offset?: number) {
    super('asn1', code, message, offset === undefined ? undefined : { offset });
    this.name = 'Asn1Error';
  }
}
