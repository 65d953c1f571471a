import { setMaxListeners } from 'node:events';
import type { MmsTypeSpec } from '../mms';
import type { IedClient } from './ied-client';
import { DEFAULT_DISCOVERY_LIMITS, checkLimit, type DiscoveryLimits, type LimitError } from './limits';

/** What one discovery used, for diagnostics and the limits' messages. */
export interface DiscoveryCounters {
  requests: number;
  logicalNodes: number;
  typeNodes: number;
  dataSetMembers: number;
  /** Warnings beyond maxWarnings: counted, not kept. */
  warningsDropped: number;
}

/**
 * The budget of one discovery: requests, LNs, type description components and data set members are
 * counted against DiscoveryLimits, and the first one passed fails the whole discovery with a
 * LimitError naming it. Once failed, every later check fails too and the signal aborts what is queued,
 * so parallel branches stop instead of finishing their fan-out.
 */
export class DiscoveryBudget {
  readonly limits: DiscoveryLimits;
  readonly warnings: string[] = [];
  private readonly counts = { logicalNodes: 0, typeNodes: 0, dataSetMembers: 0, warningsDropped: 0 };
  private readonly baseRequests: number;
  private readonly controller = new AbortController();
  private failure_: LimitError | undefined;

  constructor(
    private readonly client: IedClient,
    limits: Partial<DiscoveryLimits> = {},
    outer?: AbortSignal,
  ) {
    this.limits = { ...DEFAULT_DISCOVERY_LIMITS, ...limits };
    this.baseRequests = client.counters.requests;
    // Every request of the discovery listens to this one signal: thousands at once is expected.
    setMaxListeners(0, this.controller.signal);
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', () => this.controller.abort(outer.reason), { once: true });
  }

  /** Cancels every request of this discovery, queued or in flight, when it fails or is cancelled. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The limit that ended the discovery, if one did: the error to report, whatever was cancelled after it. */
  get failure(): LimitError | undefined {
    return this.failure_;
  }

  get counters(): DiscoveryCounters {
    return { requests: this.client.counters.requests - this.baseRequests, ...this.counts };
  }

  /** Before a request: fails when the next one would pass maxRequests. */
  request(): void {
    this.check('maxRequests', this.counters.requests + 1, 'requests');
  }

  logicalNodes(n: number): void {
    this.counts.logicalNodes += n;
    this.check('maxLogicalNodes', this.counts.logicalNodes, 'logical nodes');
  }

  typeDescription(spec: MmsTypeSpec): void {
    this.counts.typeNodes += typeNodes(spec);
    this.check('maxTypeNodes', this.counts.typeNodes, 'type description components');
  }

  dataSetMembers(n: number): void {
    this.counts.dataSetMembers += n;
    this.check('maxDataSetMembers', this.counts.dataSetMembers, 'data set members');
  }

  warn(text: string): void {
    if (this.warnings.length < this.limits.maxWarnings) this.warnings.push(text);
    else this.counts.warningsDropped++;
  }

  /** The warnings, with one line for those not kept. */
  finalWarnings(): string[] {
    const dropped = this.counts.warningsDropped;
    if (dropped === 0) return this.warnings;
    return [
      ...this.warnings,
      `${dropped} more warnings not kept (limit maxWarnings ${this.limits.maxWarnings})`,
    ];
  }

  private check(limit: keyof DiscoveryLimits, seen: number, unit: string): void {
    if (this.failure_) throw this.failure_;
    try {
      checkLimit(limit, this.limits[limit], seen, () => ({
        where: this.client.where,
        what: 'discovery',
        unit,
      }));
    } catch (err) {
      this.failure_ = err as LimitError;
      this.controller.abort(err);
      throw err;
    }
  }
}

/** Components of a type description: every structure member, array and leaf counts one. */
export function typeNodes(spec: MmsTypeSpec): number {
  let n = 0;
  const stack: MmsTypeSpec[] = [spec];
  while (stack.length > 0) {
    const s = stack.pop() as MmsTypeSpec;
    n++;
    if (s.type === 'structure') for (const c of s.components) stack.push(c.spec);
    else if (s.type === 'array') stack.push(s.element);
  }
  return n;
}
