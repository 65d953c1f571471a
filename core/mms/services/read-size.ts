import { integerContents } from '../../asn1';
import { MmsError } from '../errors';
import { alternateAccessSize } from '../alternate-access';
import { formatObjectName, type ObjectName } from '../object-name';
import type { VariableName } from '../variable-access';
import type { MmsTypeSpec } from '../type-spec';

/*
 * Sizes of Read PDUs, computed without encoding, so the client can split a read of many variables into
 * requests that each fit the MMS PDU size negotiated at Initiate (localDetailCalled). The arithmetic
 * mirrors the encoder exactly (minimal lengths, as BerWriter writes them); read-size.test.ts checks it
 * against encodeConfirmedRequest/encodeConfirmedResponse.
 */

/** The largest invoke id: sizes computed with it hold for any invoke id the client picks. */
const WORST_INVOKE_ID = 0xffffffff;

/** Octets of a definite length field (X.690 8.1.3): short form below 128, else 0x8n + n octets. */
function lengthFieldSize(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x100) return 2;
  if (length < 0x10000) return 3;
  if (length < 0x1000000) return 4;
  return 5;
}

/** A TLV with a one-octet identifier (every tag here is below 31) around `content` octets. */
function tlvSize(content: number): number {
  return 1 + lengthFieldSize(content) + content;
}

/** Encoded size of an ObjectName (see object-name.ts); identifiers are one octet per character. */
export function objectNameSize(name: ObjectName): number {
  if (name.scope === 'domain') return tlvSize(tlvSize(name.domain.length) + tlvSize(name.item.length));
  return tlvSize(name.item.length);
}

/** One listOfVariable entry: SEQUENCE { name [0] ObjectName, alternateAccess [5] OPTIONAL }. */
function variableEntrySize(name: VariableName): number {
  const access = name.alternateAccess ? alternateAccessSize(name.alternateAccess) : 0;
  return tlvSize(tlvSize(objectNameSize(name)) + access);
}

function invokeIdSize(invokeId: number): number {
  return tlvSize(integerContents(invokeId).length);
}

/** A confirmed PDU: [0]/[1] { invokeID, [4] service }, around `serviceContent` octets. */
function confirmedReadPduSize(invokeId: number, serviceContent: number): number {
  return tlvSize(invokeIdSize(invokeId) + tlvSize(serviceContent));
}

/** Request PDU size given the summed size of its listOfVariable entries. */
function requestSizeFromEntries(entries: number, invokeId: number, withResult: boolean): number {
  const accessSpec = tlvSize(tlvSize(entries)); // [1] { [0] listOfVariable }
  return confirmedReadPduSize(invokeId, (withResult ? 3 : 0) + accessSpec);
}

/** Response PDU size given the summed size of its AccessResults (and of the echoed spec, if any). */
function responseSizeFromResults(
  results: number,
  echoedEntries: number | undefined,
  invokeId: number,
): number {
  const echo = echoedEntries === undefined ? 0 : tlvSize(tlvSize(tlvSize(echoedEntries)));
  return confirmedReadPduSize(invokeId, echo + tlvSize(results));
}

export interface ReadSizeOptions {
  /** The invoke id the PDU will carry; default the largest (2^32 - 1), a bound for any id. */
  readonly invokeId?: number;
  /** Read-Request specificationWithResult TRUE (the response then echoes the variable list). */
  readonly specificationWithResult?: boolean;
}

/** Exact encoded size of a Confirmed-RequestPDU reading `variables` as a listOfVariable. */
export function readRequestSize(variables: readonly VariableName[], options: ReadSizeOptions = {}): number {
  let entries = 0;
  for (const v of variables) entries += variableEntrySize(v);
  return requestSizeFromEntries(
    entries,
    options.invokeId ?? WORST_INVOKE_ID,
    options.specificationWithResult === true,
  );
}

/**
 * Exact encoded size of a Confirmed-ResponsePDU for a Read whose AccessResults encode to `resultSizes`
 * octets each (a failure is 3 octets; a value is its Data encoding, bounded by `dataSizeBound`).
 */
export function readResponseSize(resultSizes: readonly number[], options: ReadSizeOptions = {}): number {
  let results = 0;
  for (const s of resultSizes) results += s;
  return responseSizeFromResults(results, undefined, options.invokeId ?? WORST_INVOKE_ID);
}

/**
 * The largest encoding a Data value of this type can have, from a GetVariableAccessAttributes type
 * description, or undefined when the type does not bound it (a typeName reference). Strings count
 * their declared maximum (an MMSString's characters as 4 UTF-8 octets each); a negative size (variable
 * length, e.g. quality's bit-string -13) counts its magnitude.
 */
export function dataSizeBound(spec: MmsTypeSpec): number | undefined {
  switch (spec.type) {
    case 'boolean':
      return 3;
    case 'bit-string':
      return tlvSize(1 + Math.ceil(Math.abs(spec.size) / 8));
    case 'integer':
      return tlvSize(Math.max(1, Math.ceil(spec.bits / 8)));
    case 'unsigned':
      return tlvSize(Math.floor(spec.bits / 8) + 1); // a leading 0x00 keeps the top bit clear
    case 'float':
      return tlvSize(1 + Math.ceil(spec.formatWidth / 8));
    case 'octet-string':
    case 'visible-string':
      return tlvSize(Math.abs(spec.size));
    case 'mms-string':
      return tlvSize(4 * Math.abs(spec.size));
    case 'utc-time':
      return 10;
    case 'binary-time':
      return spec.withDate ? 8 : 6;
    case 'generalized-time':
      return tlvSize(24); // YYYYMMDDHHMMSS.fff+hhmm
    case 'bcd':
      return tlvSize(Math.max(1, Math.ceil((spec.digits * Math.log2(10)) / 8) + 1));
    case 'obj-id':
    case 'type-name':
      return undefined;
    case 'array': {
      const element = dataSizeBound(spec.element);
      return element === undefined ? undefined : tlvSize(element * spec.elementCount);
    }
    case 'structure': {
      let sum = 0;
      for (const c of spec.components) {
        const size = dataSizeBound(c.spec);
        if (size === undefined) return undefined;
        sum += size;
      }
      return tlvSize(sum);
    }
  }
}

export interface ReadSplitOptions {
  /**
   * Per variable (same order), the largest encoded size of its value (see `dataSizeBound`), so that
   * responses fit too. Unknown sizes count as a failure result (3 octets).
   */
  readonly responseBounds?: readonly (number | undefined)[];
  /** At most this many variables per request (some IEDs limit it); default unlimited. */
  readonly maxVariables?: number;
  readonly specificationWithResult?: boolean;
}

/** A slice of the variables to read in one request: results[i] answers variables[start + i]. */
export interface ReadBatch {
  readonly start: number;
  readonly variables: readonly VariableName[];
}

/**
 * Splits a read of many variables, in order, into requests that each encode within `maxPduSize` octets
 * and, when `responseBounds` are given, whose responses do too. A variable whose response bound alone
 * exceeds the size gets a request of its own (the bound is a worst case; the device may still answer).
 * Throws an MmsError `too-large` only when one variable's name cannot fit any request.
 */
export function splitReadByPduSize(
  variables: readonly VariableName[],
  maxPduSize: number,
  options: ReadSplitOptions = {},
): ReadBatch[] {
  const withResult = options.specificationWithResult === true;
  const maxCount = options.maxVariables ?? Number.POSITIVE_INFINITY;
  const batches: ReadBatch[] = [];
  let start = 0;
  let entries = 0;
  let results = 0;
  const fits = (e: number, r: number): boolean =>
    requestSizeFromEntries(e, WORST_INVOKE_ID, withResult) <= maxPduSize &&
    (!options.responseBounds ||
      responseSizeFromResults(r, withResult ? e : undefined, WORST_INVOKE_ID) <= maxPduSize);
  for (let i = 0; i < variables.length; i++) {
    const name = variables[i] as VariableName;
    const entry = variableEntrySize(name);
    const result = options.responseBounds?.[i] ?? 3;
    const count = i - start;
    if (count > 0 && (count >= maxCount || !fits(entries + entry, results + result))) {
      batches.push({ start, variables: variables.slice(start, i) });
      start = i;
      entries = 0;
      results = 0;
    }
    if (requestSizeFromEntries(entry, WORST_INVOKE_ID, withResult) > maxPduSize) {
      throw new MmsError(
        'too-large',
        `reading ${formatObjectName(name)} needs a request larger than the negotiated PDU size of ${maxPduSize} octets`,
      );
    }
    entries += entry;
    results += result;
  }
  if (start < variables.length) batches.push({ start, variables: variables.slice(start) });
  return batches;
}
