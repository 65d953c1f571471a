/**
 * Functional constraints (IEC 61850-7-2 §7.5.4 / 8-1 §8.1.3.2). The FC is part of every data
 * attribute reference and the second component of the MMS item name (`LNname$FC$DO$DA`).
 */
export const FCS = [
  'ST', // status information
  'MX', // measurands (analogue values)
  'CO', // control
  'CF', // configuration
  'DC', // description
  'SP', // setting (outside setting groups)
  'SG', // setting group (active group, read-only)
  'SE', // setting group editable
  'SV', // substitution
  'SR', // service response / service tracking
  'BL', // blocking
  'EX', // extended definition (naming)
  'RP', // unbuffered report control block
  'BR', // buffered report control block
  'LG', // log control block
  'GO', // GOOSE control block
  'GS', // GSSE control block
  'MS', // multicast sampled value control block
  'US', // unicast sampled value control block
  'OR', // operate received (Ed2.1)
] as const;

export type Fc = (typeof FCS)[number];

const FC_SET: ReadonlySet<string> = new Set(FCS);

export function isFc(text: string): text is Fc {
  return FC_SET.has(text);
}

/** Parses an FC, accepting only the exact upper-case two-letter codes of {@link FCS}. */
export function parseFc(text: string): Fc | undefined {
  return isFc(text) ? text : undefined;
}

/** FCs whose data attributes live in control blocks rather than in data objects. */
export const CONTROL_BLOCK_FCS: readonly Fc[] = ['RP', 'BR', 'LG', 'GO', 'GS', 'MS', 'US'];
