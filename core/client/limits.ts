import { ClientError } from './errors';

/**
 * Budgets for what a peer can make the client accumulate across many well-formed PDUs. Each PDU is
 * bounded by its decoder; these bound the streams: a name list that never ends, a model that fans out
 * into hundreds of thousands of requests. The defaults are ten times and more what the largest real
 * IEDs need (a few hundred LNs, tens of thousands of names per LD).
 */
export interface NameListLimits {
  /** Names in one GetNameList listing, all pages together. */
  readonly maxNamesPerList: number;
  /** Octets of those names. */
  readonly maxNameBytesPerList: number;
  /** Names of one domain over the association, every object class together. */
  readonly maxNamesPerDomain: number;
  /** Names over the whole association. */
  readonly maxNamesPerAssociation: number;
  /** Octets of names over the whole association. */
  readonly maxNameBytesPerAssociation: number;
}

export const DEFAULT_NAME_LIST_LIMITS: NameListLimits = Object.freeze({
  maxNamesPerList: 200_000,
  maxNameBytesPerList: 8 * 1024 * 1024,
  maxNamesPerDomain: 400_000,
  maxNamesPerAssociation: 2_000_000,
  maxNameBytesPerAssociation: 64 * 1024 * 1024,
});

/** What one discovery of one IED may cost. */
export interface DiscoveryLimits {
  /** Logical nodes over all LDs. */
  readonly maxLogicalNodes: number;
  /** Confirmed requests the discovery sends (name list pages, type descriptions, data sets, RCB reads). */
  readonly maxRequests: number;
  /** Components in all type descriptions together (each structure member, array and leaf is one). */
  readonly maxTypeNodes: number;
  /** Members of all data sets together. */
  readonly maxDataSetMembers: number;
  /** Warnings kept; later ones are counted only. */
  readonly maxWarnings: number;
}

export const DEFAULT_DISCOVERY_LIMITS: DiscoveryLimits = Object.freeze({
  maxLogicalNodes: 20_000,
  maxRequests: 100_000,
  maxTypeNodes: 1_000_000,
  maxDataSetMembers: 200_000,
  maxWarnings: 1000,
});

/** Where a limit was passed, for the message: the peer, the operation, and the unit counted. */
export interface LimitContext {
  /** The peer: `10.0.0.5:102`. */
  where: string;
  /** The operation: `GetNameList namedVariable of LD0, page 31`. */
  what: string;
  /** What `seen` counts: `names`, `octets of names`, `requests`. */
  unit: string;
}

/**
 * A budget was used up: names the limit, its value, the peer and what was seen, e.g.
 * `127.0.0.1:102: GetNameList namedVariable of LD0, page 31: 200117 names pass the limit
 * maxNamesPerList (200000)`.
 */
export class LimitError extends ClientError {
  readonly where: string;

  constructor(
    readonly limit: string,
    readonly max: number,
    readonly seen: number,
    context: LimitContext,
  ) {
    super(
      'limit-exceeded',
      `${context.where}: ${context.what}: ${seen} ${context.unit} pass the limit ${limit} (${max})`,
    );
    this.name = 'LimitError';
    this.where = context.where;
  }
}

/** Throws a LimitError when `seen` passes `max`. */
export function checkLimit(limit: string, max: number, seen: number, context: () => LimitContext): void {
  if (seen > max) throw new LimitError(limit, max, seen, context());
}

export function isLimitError(err: unknown): err is LimitError {
  return err instanceof LimitError;
}
