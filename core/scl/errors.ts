import { RelayGateError } from '../shared';

export type SclErrorCode =
  | 'empty' // no bytes at all
  | 'too-short' // fewer bytes than the smallest SCL document
  | 'too-large' // over SclLimits.maxBytes
  | 'encoding' // bytes that are not valid in the file's encoding, or an encoding we do not read
  | 'doctype' // a DOCTYPE: refused, it is how entity-expansion attacks start
  | 'entity' // an entity declaration or a reference to an undeclared entity
  | 'syntax' // not well-formed XML
  | 'limit' // depth, element or attribute count over the limits
  | 'not-scl'; // well-formed XML whose root is not an SCL element

export interface SclErrorPosition {
  /** 1-based line and column (columns count UTF-16 code units, as editors do for BMP text). */
  readonly line?: number;
  readonly column?: number;
  /** Character offset into the decoded text (bytes for encoding errors). */
  readonly offset?: number;
  /** What the parser expected at that point, e.g. `'>' or '/>'`. */
  readonly expected?: string;
}

/** An SCL file that cannot be imported at all. Warnings (missing types, …) are not errors. */
export class SclError extends RelayGateError {
  override readonly code: SclErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly expected: string | undefined;

  constructor(code: SclErrorCode, message: string, position: SclErrorPosition = {}, file?: string) {
    super('scl', code, message, position.offset === undefined ? undefined : { offset: position.offset });
    this.name = 'SclError';
    this.code = code;
    this.file = file;
    this.line = position.line;
    this.column = position.column;
    this.expected = position.expected;
  }

  /** A copy that names the file and carries line and column computed from the offset in `text`. */
  located(file: string | undefined, text: string | undefined): SclError {
    if (this.line !== undefined || this.offset === undefined || text === undefined) {
      return new SclError(this.code, this.message, this.position(), file ?? this.file);
    }
    const { line, column } = lineColumnAt(text, this.offset);
    return new SclError(this.code, this.message, { ...this.position(), line, column }, file ?? this.file);
  }

  private position(): SclErrorPosition {
    return { line: this.line, column: this.column, offset: this.offset, expected: this.expected };
  }

  /**
   * `scl/syntax: station.scd:12:7: expected '>' …` — file, line and column first, as compilers print.
   * A syntax message that does not say what was expected gets it appended.
   */
  override toLine(): string {
    const where = [this.file, this.line, this.column].filter((p) => p !== undefined).join(':');
    const expected = this.code === 'syntax' && this.expected !== undefined && !this.message.includes('expected') ? ` (expected ${this.expected})` : '';
    return `scl/${this.code}: ${where === '' ? '' : `${where}: `}${this.message}${expected}`;
  }
}

/** 1-based line and column of a character offset. Counts only on error, so it may scan the text. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: end - lineStart + 1 };
}
