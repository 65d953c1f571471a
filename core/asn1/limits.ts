/**
 * Hard bounds on what a decoder accepts, so hostile input costs bounded time and memory. The depth cap
 * matches the nesting MMS servers accept in practice (libiec61850 caps at 50); MMS PDUs are at most
 * 65000 octets, so 16 MiB leaves room for any PDU plus the framing around it.
 */
export interface BerLimits {
  /** Constructed nesting levels below the outermost element. */
  maxDepth: number;
  /** TLVs read through one reader and all its children. */
  maxElements: number;
  /** Largest length octets may declare. */
  maxLength: number;
}

export const DEFAULT_BER_LIMITS: Readonly<BerLimits> = Object.freeze({
  maxDepth: 50,
  maxElements: 1_000_000,
  maxLength: 16 * 1024 * 1024,
});
