import { DETAIL_QUALITY_FLAGS, qualityToRaw, type DetailQualityFlag, type QualityParts, type Validity } from '../iec61850';
import { RelayGateError } from '../shared';

/** A quality as the API and scenario files take it: raw 13 bits, parts, or text like `invalid: oldData | test`. */
export type QualityInput = number | QualityParts | string;

const VALIDITIES: readonly Validity[] = ['good', 'invalid', 'reserved', 'questionable'];

/**
 * The raw 13-bit quality of an input. Text uses the words CONVENTIONS.md shows: a validity (`good`,
 * `invalid`, `questionable`), detail flags (`oldData`, `failure`, …), `substituted`, `test`,
 * `operatorBlocked`, in any order, separated by spaces, commas, colons or bars.
 */
export function qualityRaw(input: QualityInput): number {
  if (typeof input === 'number') {
    if (!Number.isInteger(input) || input < 0 || input >= 1 << 13) throw bad(`quality ${input} is not a 13-bit number`);
    return input;
  }
  if (typeof input !== 'string') return qualityToRaw(input);
  const parts: { validity?: Validity; flags: DetailQualityFlag[]; source?: 'substituted'; test?: boolean; operatorBlocked?: boolean } = { flags: [] };
  for (const word of input.split(/[\s,:|]+/).filter((w) => w !== '')) {
    if ((VALIDITIES as readonly string[]).includes(word)) parts.validity = word as Validity;
    else if ((DETAIL_QUALITY_FLAGS as readonly string[]).includes(word)) parts.flags.push(word as DetailQualityFlag);
    else if (word === 'substituted') parts.source = 'substituted';
    else if (word === 'test') parts.test = true;
    else if (word === 'operatorBlocked') parts.operatorBlocked = true;
    else if (word !== 'process') throw bad(`'${word}' in quality '${input}' is not a validity, a detail flag, substituted, test or operatorBlocked`);
  }
  return qualityToRaw(parts);
}

function bad(message: string): RelayGateError {
  return new RelayGateError('sim', 'bad-value', message);
}
