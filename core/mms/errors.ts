import {
  type BerWriter,
  TagClass,
  decodeInteger,
  decodeUnsigned,
  decodeVisibleString,
  type BerReader,
  type Tlv,
} from '../asn1';
import { RelayGateError } from '../shared';

const C = TagClass.context;

export type MmsErrorCode = 'unknown-pdu' | 'unknown-service' | 'bad-pdu' | 'too-large';

/**
 * An MMS PDU we cannot use: `unknown-pdu` (not an MMSpdu alternative we handle), `unknown-service` (a
 * confirmed or unconfirmed service we do not implement), `bad-pdu` (the body of a confirmed PDU is
 * malformed; the BER error is the cause) or `too-large` (a request that cannot fit the negotiated PDU
 * size).
 *
 * `invokeId` is set whenever the PDU's invoke id could be read, so a client fails exactly the request a
 * broken or unsupported response answers (instead of letting it time out), and a server can reject
 * exactly the request it cannot serve.
 */
export class MmsError extends RelayGateError {
  declare readonly code: MmsErrorCode;
  readonly invokeId: number | undefined;

  constructor(
    code: MmsErrorCode,
    message: string,
    options: { offset?: number; invokeId?: number; cause?: unknown } = {},
  ) {
    super('mms', code, message, options);
    this.name = 'MmsError';
    this.invokeId = options.invokeId;
  }
}

export function isMmsError(err: unknown): err is MmsError {
  return err instanceof MmsError;
}

/** ServiceError errorClass alternatives, in tag order, with their code names (ISO 9506-2 7.4). */
export const ERROR_CLASSES: readonly (readonly [string, readonly string[]])[] = [
  [
    'vmd-state',
    [
      'other',
      'vmd-state-conflict',
      'vmd-operational-problem',
      'domain-transfer-problem',
      'state-machine-id-invalid',
    ],
  ],
  [
    'application-reference',
    [
      'other',
      'application-unreachable',
      'connection-lost',
      'application-reference-invalid',
      'context-unsupported',
    ],
  ],
  [
    'definition',
    [
      'other',
      'object-undefined',
      'invalid-address',
      'type-unsupported',
      'type-inconsistent',
      'object-exists',
      'object-attribute-inconsistent',
    ],
  ],
  [
    'resource',
    [
      'other',
      'memory-unavailable',
      'processor-resource-unavailable',
      'mass-storage-unavailable',
      'capability-unavailable',
      'capability-unknown',
    ],
  ],
  [
    'service',
    [
      'other',
      'primitives-out-of-sequence',
      'object-state-conflict',
      'pdu-size',
      'continuation-invalid',
      'object-constraint-conflict',
    ],
  ],
  ['service-preempt', ['other', 'timeout', 'deadlock', 'cancel']],
  ['time-resolution', ['other', 'unsupportable-time-resolution']],
  [
    'access',
    [
      'other',
      'object-access-unsupported',
      'object-non-existent',
      'object-access-denied',
      'object-invalidated',
    ],
  ],
  [
    'initiate',
    [
      'other',
      'version-incompatible',
      'max-segment-insufficient',
      'max-services-outstanding-calling-insufficient',
      'max-services-outstanding-called-insufficient',
      'service-CBB-insufficient',
      'parameter-CBB-insufficient',
      'nesting-level-insufficient',
    ],
  ],
  ['conclude', ['other', 'further-communication-required']],
  ['cancel', ['other', 'invoke-id-unknown', 'cancel-not-possible']],
  [
    'file',
    [
      'other',
      'filename-ambiguous',
      'file-busy',
      'filename-syntax-error',
      'content-type-invalid',
      'position-invalid',
      'file-access-denied',
      'file-non-existent',
      'duplicate-filename',
      'insufficient-space-in-filestore',
    ],
  ],
  ['others', []],
];

/**
 *   ServiceError ::= SEQUENCE {
 *     errorClass [0] CHOICE { vmd-state [0] IMPLICIT INTEGER, application-reference [1] ..., definition [2],
 *                  resource [3], service [4], service-preempt [5], time-resolution [6], access [7],
 *                  initiate [8], conclude [9], cancel [10], file [11], others [12] IMPLICIT INTEGER },
 *     additionalCode        [1] IMPLICIT INTEGER OPTIONAL,
 *     additionalDescription [2] IMPLICIT VisibleString OPTIONAL,
 *     serviceSpecificInfo   [3] CHOICE {...} OPTIONAL }
 */
export interface ServiceError {
  readonly errorClass: string;
  readonly classTag: number;
  readonly code: number;
  /** `class/code-name`, e.g. `access/object-access-denied`. */
  readonly name: string;
  readonly additionalCode?: number;
  readonly additionalDescription?: string;
}

export function serviceError(
  classTag: number,
  code: number,
  extra: { additionalCode?: number; additionalDescription?: string } = {},
): ServiceError {
  const [cls, codes] = ERROR_CLASSES[classTag] ?? [`class-${classTag}`, []];
  return { errorClass: cls, classTag, code, name: `${cls}/${codes[code] ?? `code-${code}`}`, ...extra };
}

/**
 * A ServiceError from its name, e.g. `serviceErrorByName('access/object-non-existent')`, for servers
 * (the simulator) and tests. Unknown names are a programming error and throw.
 */
export function serviceErrorByName(
  name: string,
  extra: { additionalCode?: number; additionalDescription?: string } = {},
): ServiceError {
  const [cls, codeName] = name.split('/');
  const classTag = ERROR_CLASSES.findIndex(([c]) => c === cls);
  const code = classTag < 0 ? -1 : (ERROR_CLASSES[classTag]?.[1].indexOf(codeName ?? '') ?? -1);
  if (code < 0) throw new Error(`unknown MMS ServiceError name '${name}'`);
  return serviceError(classTag, code, extra);
}

/** Reads the contents of a ServiceError SEQUENCE (its own tag is implicit in the enclosing PDU). */
export function decodeServiceError(reader: BerReader, tlv: Tlv): ServiceError {
  const seq = reader.children(tlv, 'ServiceError');
  const classWrapper = seq.expect(C, 0, 'errorClass');
  const inner = seq.children(classWrapper, 'errorClass');
  const alt = inner.next('an errorClass alternative');
  const code = decodeInteger(inner, alt);
  inner.end('errorClass');
  const extra: { additionalCode?: number; additionalDescription?: string } = {};
  const addCode = seq.optional(C, 1);
  if (addCode) extra.additionalCode = decodeInteger(seq, addCode);
  const addText = seq.optional(C, 2);
  if (addText) extra.additionalDescription = decodeVisibleString(seq, addText);
  // serviceSpecificInfo [3] is skipped: no service IEC 61850 uses defines it.
  seq.optional(C, 3);
  seq.end('ServiceError');
  return serviceError(alt.tag, code, extra);
}

/** Writes a ServiceError's components under the given (implicit) tag. */
export function writeServiceError(w: BerWriter, cls: number, tag: number, e: ServiceError): void {
  w.begin(cls, tag);
  w.begin(C, 0).integer(C, e.classTag, e.code).end();
  if (e.additionalCode !== undefined) w.integer(C, 1, e.additionalCode);
  if (e.additionalDescription !== undefined) w.latin1String(C, 2, e.additionalDescription);
  w.end();
}

/** RejectPDU rejectReason alternatives ([1]..[11]) with their code names (ISO 9506-2 7.7). */
const REJECT_REASONS: Record<number, readonly [string, readonly string[]]> = {
  1: [
    'confirmed-requestPDU',
    [
      'other',
      'unrecognized-service',
      'unrecognized-modifier',
      'invalid-invokeID',
      'invalid-argument',
      'invalid-modifier',
      'max-serv-outstanding-exceeded',
      '',
      'max-recursion-exceeded',
      'value-out-of-range',
    ],
  ],
  2: [
    'confirmed-responsePDU',
    [
      'other',
      'unrecognized-service',
      'invalid-invokeID',
      'invalid-result',
      '',
      'max-recursion-exceeded',
      'value-out-of-range',
    ],
  ],
  3: [
    'confirmed-errorPDU',
    ['other', 'unrecognized-service', 'invalid-invokeID', 'invalid-serviceError', 'value-out-of-range'],
  ],
  4: [
    'unconfirmedPDU',
    ['other', 'unrecognized-service', 'invalid-argument', 'max-recursion-exceeded', 'value-out-of-range'],
  ],
  5: ['pdu-error', ['unknown-pdu-type', 'invalid-pdu', 'illegal-acse-mapping']],
  6: ['cancel-requestPDU', ['other', 'invalid-invokeID']],
  7: ['cancel-responsePDU', ['other', 'invalid-invokeID']],
  8: ['cancel-errorPDU', ['other', 'invalid-invokeID', 'invalid-serviceError', 'value-out-of-range']],
  9: ['conclude-requestPDU', ['other', 'invalid-argument']],
  10: ['conclude-responsePDU', ['other', 'invalid-result']],
  11: ['conclude-errorPDU', ['other', 'invalid-serviceError', 'value-out-of-range']],
};

/**
 *   RejectPDU ::= SEQUENCE {
 *     originalInvokeID [0] IMPLICIT Unsigned32 OPTIONAL,
 *     rejectReason CHOICE { confirmed-requestPDU [1] IMPLICIT INTEGER, confirmed-responsePDU [2] ...,
 *       confirmed-errorPDU [3], unconfirmedPDU [4], pdu-error [5], cancel-requestPDU [6],
 *       cancel-responsePDU [7], cancel-errorPDU [8], conclude-requestPDU [9], conclude-responsePDU [10],
 *       conclude-errorPDU [11] } }
 */
export interface RejectReason {
  readonly pduTag: number;
  readonly code: number;
  /** e.g. `confirmed-requestPDU/unrecognized-service`. */
  readonly name: string;
}

export function rejectReason(pduTag: number, code: number): RejectReason {
  const [pdu, codes] = REJECT_REASONS[pduTag] ?? [`reason-${pduTag}`, []];
  return { pduTag, code, name: `${pdu}/${codes[code] || `code-${code}`}` };
}

export function decodeReject(reader: BerReader, tlv: Tlv): { invokeId?: number; reason: RejectReason } {
  const seq = reader.children(tlv, 'RejectPDU');
  const id = seq.optional(C, 0);
  const alt = seq.next('a rejectReason');
  const reason = rejectReason(alt.tag, decodeInteger(seq, alt));
  seq.end('RejectPDU');
  return id ? { invokeId: decodeUnsigned(seq, id), reason } : { reason };
}

export function writeReject(w: BerWriter, invokeId: number | undefined, reason: RejectReason): void {
  w.begin(C, 4);
  if (invokeId !== undefined) w.unsigned(C, 0, invokeId);
  w.integer(C, reason.pduTag, reason.code);
  w.end();
}
