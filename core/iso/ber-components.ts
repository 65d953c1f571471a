import {
  Asn1Error,
  BerReader,
  type BerWriter,
  decodeInteger,
  decodeObjectIdentifier,
  formatTag,
  type Tlv,
} from '../asn1';
import { IsoError, type IsoErrorCode } from './errors';

/*
 * Decoding patterns shared by the presentation and ACSE codecs, on top of core/asn1 (which reads the
 * TLVs). Both protocols are SETs and SEQUENCEs of context-tagged, mostly OPTIONAL components, so a
 * decoder first gathers the components by tag (refusing duplicates, skipping tags a later edition of
 * the standard may add after the "..." extension marker) and then picks the ones it knows.
 */

export type BerLayer = 'presentation' | 'acse';

/**
 * Runs a decoder and turns an Asn1Error into the layer's `-ber` IsoError, offset kept, so callers see
 * one error type per layer.
 */
export function translateBer<T>(layer: BerLayer, what: string, decode: () => T): T {
  try {
    return decode();
  } catch (err) {
    if (err instanceof Asn1Error) {
      throw new IsoError(`${layer}-ber`, `${what}: ${err.message}`, { offset: err.offset, cause: err });
    }
    throw err;
  }
}

export function layerError(
  layer: BerLayer,
  kind: 'structure' | 'missing-field' | 'value',
  message: string,
  offset?: number,
): IsoError {
  const code: IsoErrorCode = `${layer}-${kind}`;
  return new IsoError(code, message, offset === undefined ? undefined : { offset });
}

const key = (cls: number, tag: number): number => cls * 2 ** 30 + tag;

/** The components of one constructed element, by class and tag. */
export class Components {
  readonly reader: BerReader;
  private readonly byTag = new Map<number, Tlv>();

  constructor(
    parent: BerReader,
    readonly tlv: Tlv,
    readonly layer: BerLayer,
    readonly what: string,
  ) {
    this.reader = parent.children(tlv, what);
    while (this.reader.hasMore()) {
      const c = this.reader.next(`a component of ${what}`);
      const k = key(c.cls, c.tag);
      if (this.byTag.has(k)) {
        throw layerError(layer, 'structure', `${what} has ${formatTag(c.cls, c.tag)} twice`, c.start);
      }
      this.byTag.set(k, c);
    }
  }

  get(cls: number, tag: number): Tlv | undefined {
    return this.byTag.get(key(cls, tag));
  }

  require(cls: number, tag: number, field: string): Tlv {
    const tlv = this.get(cls, tag);
    if (!tlv) {
      throw layerError(
        this.layer,
        'missing-field',
        `${this.what} has no ${field} ${formatTag(cls, tag)}`,
        this.tlv.start,
      );
    }
    return tlv;
  }

  /** The one element inside an EXPLICIT tag. */
  explicit(tlv: Tlv, field: string): Tlv {
    return explicitInner(this.reader, tlv, field);
  }
}

/** The one element an EXPLICIT tag wraps; anything else inside is an error. */
export function explicitInner(reader: BerReader, tlv: Tlv, field: string): Tlv {
  const inner = reader.children(tlv, field);
  const value = inner.next(`the value of ${field}`);
  inner.end(field);
  return value;
}

/** Each element of a SEQUENCE OF, in order. */
export function elementsOf(reader: BerReader, tlv: Tlv, what: string): { reader: BerReader; items: Tlv[] } {
  const inner = reader.children(tlv, what);
  const items: Tlv[] = [];
  while (inner.hasMore()) items.push(inner.next(`an element of ${what}`));
  return { reader: inner, items };
}

/** A non-negative INTEGER that must fit the given range (context identifiers, enumerations). */
export function rangedInteger(
  reader: BerReader,
  tlv: Tlv,
  layer: BerLayer,
  field: string,
  min: number,
  max: number,
): number {
  const n = decodeInteger(reader, tlv);
  if (n < min || n > max)
    throw layerError(layer, 'value', `${field} ${n} is outside ${min}..${max}`, tlv.valueStart);
  return n;
}

export function oid(reader: BerReader, tlv: Tlv): number[] {
  return decodeObjectIdentifier(reader, tlv);
}

export function sameOid(a: readonly number[] | undefined, b: readonly number[]): boolean {
  return a !== undefined && a.length === b.length && a.every((arc, i) => arc === b[i]);
}

/** A reader over a whole PDU buffer that must hold exactly one element. */
export function readSingle(bytes: Uint8Array, what: string): { reader: BerReader; tlv: Tlv } {
  const reader = new BerReader(bytes);
  const tlv = reader.next(what);
  reader.end(what);
  return { reader, tlv };
}

/**
 * The three ways a presentation data value is carried; the same CHOICE appears in PDV-list (ISO 8823)
 * and in EXTERNAL (X.680, used by ACSE user-information):
 *
 *   CHOICE {
 *     single-ASN1-type [0] ABSTRACT-SYNTAX.&Type,   -- an open type: the tag is always EXPLICIT
 *     octet-aligned    [1] IMPLICIT OCTET STRING,
 *     arbitrary        [2] IMPLICIT BIT STRING }
 *
 * `data` is the one encoded value inside [0] (for MMS: the whole MMS PDU), or the contents octets of
 * [1] / [2] as they are (for [2] the first octet counts unused bits). It is a view into the input.
 */
export interface EncodedValue {
  encoding: 'single-asn1-type' | 'octet-aligned' | 'arbitrary';
  data: Uint8Array;
}

const ENCODING_TAGS = { 'single-asn1-type': 0, 'octet-aligned': 1, arbitrary: 2 } as const;

/** Decodes the CHOICE above; returns undefined when tlv is none of its alternatives. */
export function decodeEncodedValue(reader: BerReader, tlv: Tlv, layer: BerLayer): EncodedValue | undefined {
  if (tlv.cls !== 2) return undefined;
  if (tlv.tag === 0) {
    const inner = reader.children(tlv, 'single-ASN1-type');
    const value = inner.next('the single-ASN1-type value');
    inner.end('the single-ASN1-type value');
    return { encoding: 'single-asn1-type', data: reader.bytes.subarray(value.start, value.end) };
  }
  if (tlv.tag === 1 || tlv.tag === 2) {
    if (tlv.constructed) {
      throw layerError(
        layer,
        'structure',
        `the constructed form of ${formatTag(tlv.cls, tlv.tag)} is not supported`,
        tlv.start,
      );
    }
    return { encoding: tlv.tag === 1 ? 'octet-aligned' : 'arbitrary', data: reader.value(tlv) };
  }
  return undefined;
}

function encodingTag(value: EncodedValue): number {
  return ENCODING_TAGS[value.encoding];
}

export function writeEncodedValue(w: BerWriter, value: EncodedValue): void {
  if (value.encoding === 'single-asn1-type') w.begin(2, 0).raw(value.data).end();
  else w.primitive(2, encodingTag(value), value.data);
}

/** A named INTEGER or ENUMERATED value: its name, or `unknown(n)` for a value the table lacks. */
export type Named<T extends string> = T | `unknown(${number})`;

export function nameOf<T extends string>(table: Readonly<Record<number, T>>, n: number): Named<T> {
  return table[n] ?? `unknown(${n})`;
}

export function numberOf<T extends string>(table: Readonly<Record<number, T>>, name: Named<T>): number {
  for (const [n, v] of Object.entries(table)) if (v === name) return Number(n);
  const m = /^unknown\((-?\d+)\)$/.exec(name);
  if (!m) throw new RangeError(`"${name}" is not a known value`);
  return Number(m[1]);
}

/** The object without its undefined properties, so decoded values hold only what was present. */
export function compact<T extends object>(value: T): T {
  for (const k of Object.keys(value) as (keyof T)[]) if (value[k] === undefined) delete value[k];
  return value;
}
