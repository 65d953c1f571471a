import type { ObjectName } from '../mms';
import { ClientError } from './errors';
import type { MmsRequester } from './ied-client';

export type BenchMode = 'single' | 'multi' | 'pipelined';

/** `relaygate bench --json` (CONVENTIONS). */
export interface BenchResult {
  mode: BenchMode;
  variables: number;
  requests: number;
  values: number;
  seconds: number;
  requestsPerSecond: number;
  valuesPerSecond: number;
  p50Us: number;
  p99Us: number;
  /** Requests in flight at once (pipelined: the negotiated outstanding limit). */
  inFlight: number;
  /** Items that came back as DataAccessError; a bench of failing reads is not a bench of reads. */
  failedValues: number;
}

export interface BenchOptions {
  mode: BenchMode;
  durationMs: number;
  /** Pipelined mode: requests in flight; default and cap is the negotiated limit. */
  inFlight: number;
  /** Latency samples kept at most (reservoir), so a long run keeps bounded memory. */
  maxSamples?: number;
  now?: () => number;
}

/**
 * Measures how fast an IED answers reads, the three ways a client can ask:
 * - single: one variable per request, one request at a time (how synchronous clients read);
 * - multi: all variables in one request, one request at a time;
 * - pipelined: one variable per request, `inFlight` requests outstanding at once.
 * Latency is per request, from send to answer, in microseconds.
 */
export async function benchReads(
  mms: MmsRequester,
  names: readonly ObjectName[],
  options: BenchOptions,
): Promise<BenchResult> {
  if (names.length === 0) throw new ClientError('protocol-error', 'nothing to read');
  const now = options.now ?? (() => performance.now());
  const samples: number[] = [];
  const maxSamples = options.maxSamples ?? 200_000;
  let requests = 0;
  let values = 0;
  let failedValues = 0;
  let next = 0;
  const start = now();
  const deadline = start + options.durationMs;

  const once = async (variables: readonly ObjectName[]): Promise<void> => {
    const t0 = now();
    const r = await mms.request({ service: 'read', access: { kind: 'list', variables } });
    const us = (now() - t0) * 1000;
    if (r.service !== 'read') throw new ClientError('protocol-error', `unexpected ${r.service} response`);
    requests++;
    values += r.results.length;
    for (const x of r.results) if (!x.ok) failedValues++;
    // Reservoir sampling keeps an unbiased sample of at most maxSamples latencies.
    if (samples.length < maxSamples) samples.push(us);
    else {
      const j = Math.floor(Math.random() * requests);
      if (j < maxSamples) samples[j] = us;
    }
  };
  const worker = async (batch: boolean): Promise<void> => {
    while (now() < deadline) {
      if (batch) await once(names);
      else {
        const name = names[next++ % names.length] as ObjectName;
        await once([name]);
      }
    }
  };

  const inFlight = options.mode === 'pipelined' ? Math.max(1, options.inFlight) : 1;
  await Promise.all(Array.from({ length: inFlight }, () => worker(options.mode === 'multi')));
  const seconds = (now() - start) / 1000;
  samples.sort((a, b) => a - b);
  const pct = (p: number): number =>
    samples.length === 0
      ? 0
      : Math.round(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] as number);
  return {
    mode: options.mode,
    variables: names.length,
    requests,
    values,
    seconds: Number(seconds.toFixed(3)),
    requestsPerSecond: Math.round(requests / seconds),
    valuesPerSecond: Math.round(values / seconds),
    p50Us: pct(0.5),
    p99Us: pct(0.99),
    inFlight,
    failedValues,
  };
}
