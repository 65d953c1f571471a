import { IsoError } from './errors';

/**
 * The OSI addressing of one end of an MMS association: transport, session and presentation selectors
 * plus the ACSE AP-title and AE-qualifier. IEDs that check them expect the values in their SCL
 * (Communication/SubNetwork/ConnectedAP/Address: OSI-TSEL, OSI-SSEL, OSI-PSEL, OSI-AP-Title,
 * OSI-AE-Qualifier); the defaults are the ones most IEDs accept (docs CONVENTIONS: TSEL 0001,
 * SSEL 0001, PSEL 00000001, AP-title 1.1.1.999.1, AE-qualifier 12).
 */
export interface IsoAddress {
  tsel: Uint8Array;
  ssel: Uint8Array;
  psel: Uint8Array;
  /** AP-title in OBJECT IDENTIFIER form, as arcs. Absent: not sent. */
  apTitle?: readonly number[];
  /** AE-qualifier in INTEGER form. Absent: not sent. */
  aeQualifier?: number;
}

/** Local (calling) and remote (called) addresses of an association. */
export interface IsoEndpoints {
  local: IsoAddress;
  remote: IsoAddress;
}

/** Largest selectors accepted: TSAP-IDs fit a COTP parameter; session and presentation selectors
 * are at most 16 octets in X.225 and in practice in presentation too. */
export const SELECTOR_MAX = { tsel: 32, ssel: 16, psel: 16 } as const;

export const DEFAULT_TSEL = '0001';
export const DEFAULT_SSEL = '0001';
export const DEFAULT_PSEL = '00000001';
export const DEFAULT_AP_TITLE = '1.1.1.999.1';
export const DEFAULT_AE_QUALIFIER = 12;

/** The CONVENTIONS defaults; a fresh object (with fresh arrays) every call. */
export function defaultIsoAddress(): IsoAddress {
  return {
    tsel: parseSelector(DEFAULT_TSEL, 'tsel'),
    ssel: parseSelector(DEFAULT_SSEL, 'ssel'),
    psel: parseSelector(DEFAULT_PSEL, 'psel'),
    apTitle: parseApTitle(DEFAULT_AP_TITLE),
    aeQualifier: DEFAULT_AE_QUALIFIER,
  };
}

export function defaultIsoEndpoints(): IsoEndpoints {
  return { local: defaultIsoAddress(), remote: defaultIsoAddress() };
}

/**
 * Parses a selector written in hex as SCL does ("0001", "00000001"); spaces and a leading "0x" are
 * tolerated. An empty string is an empty selector (some IEDs use none).
 */
export function parseSelector(text: string, kind: keyof typeof SELECTOR_MAX): Uint8Array {
  const digits = text.trim().replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(digits) || digits.length % 2 !== 0) {
    throw new IsoError('selector-syntax', `${kind.toUpperCase()} "${text}" is not an even number of hex digits`);
  }
  const out = new Uint8Array(digits.length / 2);
  if (out.length > SELECTOR_MAX[kind]) {
    throw new IsoError('selector-syntax', `${kind.toUpperCase()} "${text}" is longer than ${SELECTOR_MAX[kind]} octets`);
  }
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function formatSelector(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Parses an AP-title in OBJECT IDENTIFIER form: "1,1,1,999,1" (SCL), "1.1.1.999.1" or "1 1 1 999 1".
 * X.660: at least two arcs, the first 0..2, the second 0..39 under 0 and 1.
 */
export function parseApTitle(text: string): number[] {
  const trimmed = text.trim();
  const parts = trimmed.split(/\s*[,.\s]\s*/);
  if (trimmed === '' || parts.some((p) => !/^\d+$/.test(p))) {
    throw new IsoError('selector-syntax', `AP-title "${text}" is not a list of numbers separated by commas or dots`);
  }
  const arcs = parts.map(Number);
  const [first, second] = arcs;
  if (arcs.length < 2 || first! > 2 || (first! < 2 && second! > 39) || arcs.some((a) => !Number.isSafeInteger(a))) {
    throw new IsoError('selector-syntax', `AP-title "${text}" is not a valid object identifier`);
  }
  return arcs;
}

export function formatApTitle(arcs: readonly number[]): string {
  return arcs.join('.');
}

/** Parses an AE-qualifier in INTEGER form, e.g. "12". */
export function parseAeQualifier(text: string): number {
  const t = text.trim();
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new IsoError('selector-syntax', `AE-qualifier "${text}" is not an integer`);
  }
  return Number(t);
}

/** The SCL Address P-types that carry OSI addressing, by their SCL names. */
export interface SclOsiAddress {
  'OSI-TSEL'?: string;
  'OSI-SSEL'?: string;
  'OSI-PSEL'?: string;
  'OSI-AP-Title'?: string;
  'OSI-AE-Qualifier'?: string;
}

/** Builds an address from SCL P-types; what SCL does not give keeps its default. */
export function isoAddressFromScl(p: SclOsiAddress, base: IsoAddress = defaultIsoAddress()): IsoAddress {
  const out: IsoAddress = { ...base };
  if (p['OSI-TSEL'] !== undefined) out.tsel = parseSelector(p['OSI-TSEL'], 'tsel');
  if (p['OSI-SSEL'] !== undefined) out.ssel = parseSelector(p['OSI-SSEL'], 'ssel');
  if (p['OSI-PSEL'] !== undefined) out.psel = parseSelector(p['OSI-PSEL'], 'psel');
  if (p['OSI-AP-Title'] !== undefined) out.apTitle = parseApTitle(p['OSI-AP-Title']);
  if (p['OSI-AE-Qualifier'] !== undefined) out.aeQualifier = parseAeQualifier(p['OSI-AE-Qualifier']);
  return out;
}
