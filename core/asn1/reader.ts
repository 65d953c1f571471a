import { Asn1Error } from './errors';
import { DEFAULT_BER_LIMITS, type BerLimits } from './limits';
import { formatTag } from './tag';

/**
 * One BER element (X.690 8.1): identifier, length and the position of its contents. Offsets are into
 * the reader's buffer, so contents are sliced only when a decoder asks for them.
 */
export interface Tlv {
  cls: number;
  constructed: boolean;
  tag: number;
  /** Offset of the first identifier octet. */
  start: number;
  /** Offset of the first contents octet. */
  valueStart: number;
  /** Offset just past the contents. */
  end: number;
  /** Nesting level: 0 for the outermost elements of a reader created by `new BerReader`. */
  depth: number;
}

interface Budget {
  elements: number;
  readonly limits: BerLimits;
}

/** What a child reader inherits from its parent. */
interface ChildOf {
  depth: number;
  budget: Budget;
}

export interface BerReaderOptions {
  start?: number;
  end?: number;
  limits?: Partial<BerLimits>;
}

/**
 * A cursor over a run of BER elements. `children()` opens a constructed element's contents as a
 * reader one level deeper that shares the element budget, so the caller's loop, not recursion in
 * here, walks a structure: a 10,000-deep input fails with `too-deep` at level `maxDepth`, never with
 * a stack overflow. Every length is checked against the enclosing element before anything is read.
 */
export class BerReader {
  readonly bytes: Uint8Array;
  private pos: number;
  private readonly limit: number;
  private readonly depth: number;
  private readonly budget: Budget;

  /**
   * `parent` is internal: `children()` passes the enclosing element's depth and the shared budget. Both
   * paths go through this constructor so every reader has the same shape (V8 keeps the hot methods
   * monomorphic).
   */
  constructor(bytes: Uint8Array, options: BerReaderOptions = {}, parent?: ChildOf) {
    this.bytes = bytes;
    this.pos = options.start ?? 0;
    this.limit = options.end ?? bytes.length;
    if (this.pos < 0 || this.limit > bytes.length || this.pos > this.limit) {
      throw new RangeError(`bad reader window ${this.pos}..${this.limit} over ${bytes.length} bytes`);
    }
    this.depth = parent ? parent.depth : 0;
    this.budget = parent
      ? parent.budget
      : { elements: 0, limits: { ...DEFAULT_BER_LIMITS, ...options.limits } };
  }

  /** Offset of the next element. */
  get offset(): number {
    return this.pos;
  }

  /** Offset just past this reader's window. */
  get endOffset(): number {
    return this.limit;
  }

  hasMore(): boolean {
    return this.pos < this.limit;
  }

  /** The next element's header, without moving; undefined at the end. */
  peek(): Tlv | undefined {
    return this.pos < this.limit ? this.readHeader(this.pos) : undefined;
  }

  /** The next element; `truncated` at the end of the window. */
  next(what = 'another element'): Tlv {
    if (this.pos >= this.limit)
      throw new Asn1Error('truncated', `expected ${what}, found the end of the data`, this.pos);
    return this.consume(this.readHeader(this.pos));
  }

  /** The next element, which must have this class and tag number. */
  expect(cls: number, tag: number, what: string): Tlv {
    const at = this.pos;
    // The message is built only on failure: expect() runs for nearly every element of a PDU.
    if (at >= this.limit) this.next(`${formatTag(cls, tag)} ${what}`);
    const tlv = this.next();
    if (tlv.cls !== cls || tlv.tag !== tag) {
      this.pos = at;
      throw new Asn1Error(
        'unexpected-tag',
        `expected ${formatTag(cls, tag)} ${what}, found ${formatTag(tlv.cls, tlv.tag)}`,
        at,
      );
    }
    return tlv;
  }

  /** The next element if it has this class and tag number (an OPTIONAL or DEFAULT component). */
  optional(cls: number, tag: number): Tlv | undefined {
    const head = this.peek();
    if (!head || head.cls !== cls || head.tag !== tag) return undefined;
    return this.consume(head);
  }

  /** A reader over the contents of a constructed element, one level deeper. */
  children(tlv: Tlv, what = 'a constructed element'): BerReader {
    if (!tlv.constructed) {
      throw new Asn1Error(
        'bad-tag',
        `expected ${what} to be constructed, but ${formatTag(tlv.cls, tlv.tag)} is primitive`,
        tlv.start,
      );
    }
    return new BerReader(
      this.bytes,
      { start: tlv.valueStart, end: tlv.end },
      { depth: tlv.depth + 1, budget: this.budget },
    );
  }

  /** Fails if anything is left in this reader's window. */
  end(what: string): void {
    if (this.pos < this.limit) {
      throw new Asn1Error(
        'trailing-bytes',
        `${this.limit - this.pos} unexpected bytes after ${what}`,
        this.pos,
      );
    }
  }

  /** The contents octets of an element, as a view (no copy). */
  value(tlv: Tlv): Uint8Array {
    return this.bytes.subarray(tlv.valueStart, tlv.end);
  }

  /** Moves past an element read by readHeader, counting it against the element budget. */
  private consume(tlv: Tlv): Tlv {
    if (++this.budget.elements > this.budget.limits.maxElements) {
      throw new Asn1Error(
        'too-many-elements',
        `more than ${this.budget.limits.maxElements} elements (maxElements)`,
        tlv.start,
      );
    }
    this.pos = tlv.end;
    return tlv;
  }

  private readHeader(start: number): Tlv {
    if (this.depth > this.budget.limits.maxDepth) {
      throw new Asn1Error(
        'too-deep',
        `nesting deeper than ${this.budget.limits.maxDepth} levels (maxDepth)`,
        start,
      );
    }
    const bytes = this.bytes;
    const limit = this.limit;
    let p = start;
    const first = bytes[p++] as number;
    const cls = first >> 6;
    const constructed = (first & 0x20) !== 0;
    let tag = first & 0x1f;
    if (tag === 0x1f) {
      [tag, p] = this.readLongTag(start, p);
    }
    if (p >= limit) throw new Asn1Error('truncated', `${formatTag(cls, tag)} has no length octets`, p);
    const lengthAt = p;
    let length = bytes[p++] as number;
    if (length === 0x80) {
      throw new Asn1Error(
        'indefinite-length',
        `${formatTag(cls, tag)} uses the indefinite length form, which MMS does not allow`,
        lengthAt,
      );
    }
    if (length > 0x80) {
      const count = length & 0x7f;
      if (count > 4)
        throw new Asn1Error(
          'length-too-large',
          `${formatTag(cls, tag)} has ${count} length octets (at most 4 accepted)`,
          lengthAt,
        );
      if (p + count > limit)
        throw new Asn1Error(
          'truncated',
          `${formatTag(cls, tag)} length octets run past the end of the data`,
          lengthAt,
        );
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (bytes[p++] as number);
    }
    if (length > this.budget.limits.maxLength) {
      throw new Asn1Error(
        'length-too-large',
        `${formatTag(cls, tag)} declares ${length} octets, more than the limit of ${this.budget.limits.maxLength} (maxLength)`,
        lengthAt,
      );
    }
    if (p + length > limit) {
      throw new Asn1Error(
        'truncated',
        `${formatTag(cls, tag)} declares ${length} octets but only ${limit - p} remain`,
        lengthAt,
      );
    }
    return { cls, constructed, tag, start, valueStart: p, end: p + length, depth: this.depth };
  }

  /** X.690 8.1.2.4: tag numbers of 31 and above, base 128, high bit = more octets follow. */
  private readLongTag(start: number, from: number): [tag: number, next: number] {
    let p = from;
    let tag = 0;
    for (let i = 0; ; i++) {
      if (p >= this.limit)
        throw new Asn1Error('truncated', 'the tag number runs past the end of the data', start);
      const b = this.bytes[p++] as number;
      if (i === 0 && b === 0x80)
        throw new Asn1Error('bad-tag', 'the tag number has a leading zero octet', start);
      if (i >= 4) throw new Asn1Error('bad-tag', 'the tag number is longer than 4 octets', start);
      tag = tag * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    if (tag < 31) throw new Asn1Error('bad-tag', `tag number ${tag} must use the short form`, start);
    return [tag, p];
  }
}
