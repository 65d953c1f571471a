/**
 * Hard limits of the SCL importer. Every one of them turns hostile or absurd input into a clear
 * SclError instead of an out-of-memory or a hang. The defaults fit the largest real SCDs we know of
 * (hundreds of IEDs, tens of MB) with a wide margin.
 */
export interface SclLimits {
  /** Largest input in bytes. */
  readonly maxBytes: number;
  /** Deepest element nesting. Real SCL rarely goes past 15 (SDI inside SDI inside DOI …). */
  readonly maxDepth: number;
  /** Most elements in the whole document, whatever its size. */
  readonly maxElements: number;
  /**
   * Elements in proportion to the file's size: at most one per this many characters on average (and
   * never less than 10,000 in all). Real SCL has one element per 30–100 characters; a file of millions
   * of tiny elements is refused before anything is built from it.
   */
  readonly minCharsPerElement: number;
  /**
   * LN0/LN elements of IEDs in proportion to the file's size: at most one per this many characters (and
   * never less than 1,000). Each becomes a model object far bigger than `<LN lnType="T"/>`; real LNs,
   * with their DOIs, take 500 or more characters each.
   */
  readonly minCharsPerLogicalNode: number;
  /** Most IED sections. */
  readonly maxIeds: number;
  /**
   * Most elements in one top-level section (one IED, the DataTypeTemplates, …). Each section is turned
   * into an object tree on its own, so this bounds the memory of the largest tree alive at once.
   */
  readonly maxSectionElements: number;
  /** Most attributes on one element. */
  readonly maxAttributes: number;
  /** Deepest SDO/BDA nesting while resolving templates (guards type chains and cycles). */
  readonly maxTypeDepth: number;
  /** Most basic-typed leaves in one IED after resolution (guards exponential type fan-out). */
  readonly maxLeavesPerIed: number;
}

export const DEFAULT_SCL_LIMITS: SclLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 100,
  maxElements: 20_000_000,
  minCharsPerElement: 8,
  minCharsPerLogicalNode: 64,
  maxIeds: 10_000,
  maxSectionElements: 2_000_000,
  maxAttributes: 256,
  maxTypeDepth: 32,
  maxLeavesPerIed: 5_000_000,
};

export function withDefaults(limits: Partial<SclLimits> | undefined): SclLimits {
  return { ...DEFAULT_SCL_LIMITS, ...limits };
}
