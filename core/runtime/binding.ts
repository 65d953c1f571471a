import type { PointCache, PointSample, SampleSource } from '../cache';
import type { AccessResult, MmsTypeSpec, MmsValue } from '../mms';
import type { LeafDecoder } from './leaf-decoder';
import { qualityOf, timeOf } from './leaf-decoder';
import { indicesOf } from './type-catalog';

/** A project point as the runtime reads it: where it is and how its leaf decodes. */
export interface PointTarget {
  /** Cache index. */
  readonly index: number;
  readonly key: string;
  readonly id: string;
  readonly ld: string;
  readonly ln: string;
  readonly fc: string;
  /** Names below the LN: DO, SDO, DA, BDA. */
  readonly path: readonly string[];
  readonly decode: LeafDecoder;
}

/** Where one point's parts sit inside a variable's value, as member indices. */
interface Reader {
  readonly target: PointTarget;
  readonly value?: readonly number[];
  readonly quality?: readonly number[];
  readonly time?: readonly number[];
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

function at(value: MmsValue, indices: readonly number[]): MmsValue | undefined {
  let v: MmsValue | undefined = value;
  for (const i of indices) {
    if (v?.type !== 'structure') return undefined;
    v = v.members[i];
  }
  return v;
}

/** What one received value (a polled FCD, or one report member) holds for which points. */
export interface TimeObserver {
  (epochMs: number, flags: { clockNotSynchronized: boolean; clockFailure: boolean }): void;
}

/**
 * One MMS variable (a whole FCD read by a poll, or one data set member of a report) compiled against the
 * points it carries: for each point, the member indices of its value, its FCD's q and its FCD's t.
 * Applying a value costs one walk and one decode per point.
 */
export class Binding {
  private constructor(
    /** `LD/LN.DO...[FC]` of the variable, for messages. */
    readonly name: string,
    private readonly readers: readonly Reader[],
  ) {}

  /**
   * Compiles the readers of a variable at `varPath` (below LN `ln` of FC `fc`) whose type is `spec`,
   * for the points whose leaf, q or t lies inside it. `fcdOf` gives each point's FCD path.
   */
  static compile(
    name: string,
    varPath: readonly string[],
    spec: MmsTypeSpec,
    points: readonly PointTarget[],
    fcdOf: (p: PointTarget) => readonly string[],
  ): Binding {
    const readers: Reader[] = [];
    for (const p of points) {
      const fcd = fcdOf(p);
      const inside = (path: readonly string[]): readonly number[] | undefined =>
        startsWith(path, varPath) ? indicesOf(spec, path.slice(varPath.length)) : undefined;
      const hasQt = fcd.length < p.path.length;
      const value = inside(p.path);
      const quality = hasQt ? inside([...fcd, 'q']) : undefined;
      const time = hasQt ? inside([...fcd, 't']) : undefined;
      if (value || quality || time)
        readers.push({
          target: p,
          ...(value ? { value } : {}),
          ...(quality ? { quality } : {}),
          ...(time ? { time } : {}),
        });
    }
    return new Binding(name, readers);
  }

  /** Points whose value this variable carries. */
  get valueTargets(): PointTarget[] {
    return this.readers.filter((r) => r.value !== undefined).map((r) => r.target);
  }

  get size(): number {
    return this.readers.length;
  }

  /** Applies a read result or report member to the cache; `buffered` for a BRCB's report. */
  apply(result: AccessResult, cache: PointCache, source: SampleSource, now: number, onTime?: TimeObserver, buffered = false): void {
    if (!result.ok) {
      const why = `the IED answered ${this.name} with ${result.error.name}`;
      for (const r of this.readers) if (r.value) cache.setError(r.target.index, why);
      return;
    }
    for (const r of this.readers) this.applyOne(r, result.value, cache, source, now, onTime, buffered);
  }

  private applyOne(
    r: Reader,
    value: MmsValue,
    cache: PointCache,
    source: SampleSource,
    now: number,
    onTime: TimeObserver | undefined,
    buffered: boolean,
  ): void {
    let sample: { -readonly [K in keyof PointSample]: PointSample[K] } = {};
    if (r.value) {
      const leaf = at(value, r.value);
      const decoded = leaf === undefined ? `${this.name} does not have the shape its type described` : r.target.decode(leaf);
      if (typeof decoded === 'string') {
        cache.setError(r.target.index, decoded);
        return;
      }
      sample = { value: decoded };
    }
    if (r.quality) {
      const q = at(value, r.quality);
      if (q?.type === 'bit-string') sample.quality = qualityOf(q);
    }
    if (r.time) {
      const t = at(value, r.time);
      if (t?.type === 'utc-time') {
        sample.time = timeOf(t);
        onTime?.(sample.time.epochMs, sample.time);
      }
    }
    cache.update(r.target.index, sample, source, now, buffered);
  }
}
