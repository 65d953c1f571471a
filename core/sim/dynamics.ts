import { dbposToBits } from '../iec61850';
import type { MmsValue } from '../mms';
import { childOf, type DataNode, type LeafNode, type ServerDataModel } from '../server';
import { positionOf, setWithTime } from './controls/control-process';
import type { LeafMeta } from './leaf-values';
import { Random } from './random';
import type { ServedLn } from './scl-model';

export interface DynamicsOptions {
  /** Same seed, same run. Default 1. */
  seed?: number;
  /** How often measurements move, ms. Default 1000. */
  periodMs?: number;
  /** Mean time between protection events (start, sometimes trip, breaker open and reclose), ms. Default 120 s. */
  eventEveryMs?: number;
}

interface Measurement {
  readonly f: LeafNode;
  readonly base: number;
  /** Largest distance from the base, as a fraction of it (or absolute for values around 0). */
  readonly spread: number;
  /** Carried by the feeder's load (currents, powers): falls to 0 while the breaker is open. */
  readonly load: boolean;
  value: number;
}

/** Typical values when the SCL gives none, by SIUnit name, and how far they wander (fraction). */
const BY_UNIT: Readonly<Record<string, { base: number; spread: number; load: boolean }>> = {
  A: { base: 200, spread: 0.15, load: true },
  V: { base: 230, spread: 0.02, load: false },
  Hz: { base: 50, spread: 0.002, load: false },
  W: { base: 1000, spread: 0.2, load: true },
  VAr: { base: 300, spread: 0.3, load: true },
  VA: { base: 1000, spread: 0.2, load: true },
  '': { base: 1, spread: 0.1, load: false },
};

function leaf(node: DataNode | undefined, ...names: string[]): LeafNode | undefined {
  let at = node;
  for (const n of names) at = at && childOf(at, n);
  return at?.kind === 'leaf' ? at : undefined;
}

/** The SIUnit name of a measurement, from its CF units (`A`, `V`, `Hz` …), or '' when unknown. */
function unitOf(model: ServerDataModel, ld: string, ln: string, path: string[]): string {
  const cf = model.find(ld, [ln, 'CF', ...path].join('$'));
  const si = leaf(cf, 'units', 'SIUnit');
  const names = (si?.meta as LeafMeta | undefined)?.enumNames;
  const ord = si?.value.type === 'integer' ? Number(si.value.value) : undefined;
  return (ord === undefined ? undefined : names?.get(ord)) ?? '';
}

/**
 * Makes a simulated IED look alive, from a seed so runs repeat: measurements (MV and CMV magnitudes)
 * take a random walk around their initial value within a range that suits their unit, currents and
 * powers fall to zero while a breaker of the IED is open; now and then a protection start pulses, some
 * of them become a trip that opens the breaker, which recloses a few seconds later. Every change sets
 * the value's time, so reports and polls see it as a real IED's data.
 */
export class Dynamics {
  private readonly random: Random;
  private readonly measurements: Measurement[] = [];
  private readonly starts: { str: LeafNode; op: LeafNode | undefined }[] = [];
  private readonly trips: LeafNode[] = [];
  private readonly breakers: LeafNode[] = [];
  private timers: ReturnType<typeof setTimeout>[] = [];
  private ticker: ReturnType<typeof setInterval> | undefined;
  private nextEventAt = 0;
  private elapsed = 0;

  constructor(
    private readonly model: ServerDataModel,
    lns: readonly ServedLn[],
    private readonly options: DynamicsOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.random = new Random(options.seed ?? 1);
    for (const served of lns) this.collect(served);
    this.scheduleEvent();
  }

  /** Measurements that move. */
  get measured(): readonly LeafNode[] {
    return this.measurements.map((m) => m.f);
  }

  start(): void {
    if (this.ticker) return;
    const period = this.options.periodMs ?? 1000;
    this.ticker = setInterval(() => this.tick(period), period);
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    for (const t of this.timers.splice(0)) clearTimeout(t);
  }

  /** One period: every measurement moves, and a protection event starts when one is due. */
  tick(periodMs = this.options.periodMs ?? 1000): void {
    const loaded = this.breakers.length === 0 || this.breakers.some((b) => positionOf(b.parent) === 'closed');
    for (const m of this.measurements) {
      const target = m.load && !loaded ? 0 : m.base;
      const step = Math.max(Math.abs(m.base), 1) * m.spread * 0.1 * this.random.normal();
      // Pulled back towards the target, so the walk stays in range and follows the load.
      m.value += step + (target - m.value) * 0.2;
      const bound = Math.max(Math.abs(m.base), 1) * m.spread;
      if (target !== 0) m.value = Math.min(target + bound, Math.max(target - bound, m.value));
      setWithTime(this.model, m.f, { type: 'float', value: Math.fround(m.value), width: m.f.value.type === 'float' ? m.f.value.width : 32 }, this.now());
    }
    this.elapsed += periodMs;
    if (this.elapsed >= this.nextEventAt) {
      this.protectionEvent();
      this.scheduleEvent();
    }
  }

  private scheduleEvent(): void {
    const mean = this.options.eventEveryMs ?? 120_000;
    this.nextEventAt = this.elapsed + this.random.between(0.5, 1.5) * mean;
  }

  /** A start that drops out, or (one time in three) a start, a trip, the breaker open and a reclose. */
  private protectionEvent(): void {
    const start = this.random.pick(this.starts);
    if (!start) return;
    const pulse = (l: LeafNode, ms: number) => {
      this.set(l, { type: 'boolean', value: true });
      this.later(ms, () => this.set(l, { type: 'boolean', value: false }));
    };
    const trip = this.random.next() < 1 / 3;
    pulse(start.str, trip ? 300 : this.random.between(80, 400));
    if (!trip) return;
    this.later(200, () => {
      if (start.op) pulse(start.op, 150);
      for (const t of this.trips) pulse(t, 150);
      for (const b of this.breakers) this.set(b, { type: 'bit-string', ...dbposToBits('open') });
    });
    this.later(5000, () => {
      for (const b of this.breakers) this.set(b, { type: 'bit-string', ...dbposToBits('closed') });
    });
  }

  private set(l: LeafNode, value: MmsValue): void {
    setWithTime(this.model, l, value, this.now());
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers = this.timers.filter((t) => t !== timer);
      work();
    }, ms);
    this.timers.push(timer);
  }

  private collect(served: ServedLn): void {
    const { ld, ln } = served;
    const node = this.model.find(ld, ln.name);
    if (!node) return;
    const mx = childOf(node, 'MX');
    const st = childOf(node, 'ST');
    if (mx?.kind === 'struct') for (const d of mx.children) this.collectMeasurement(d, ld, ln.name, [d.name]);
    if (ln.lnClass === 'PTOC' || ln.lnClass === 'PDIS' || ln.lnClass === 'PTOV' || ln.lnClass === 'PTUV') {
      const str = leaf(st, 'Str', 'general');
      if (str) this.starts.push({ str, op: leaf(st, 'Op', 'general') });
    }
    if (ln.lnClass === 'PTRC') for (const name of ['Tr', 'Op']) {
      const l = leaf(st, name, 'general');
      if (l) this.trips.push(l);
    }
    const pos = leaf(st, 'Pos', 'stVal');
    if (ln.lnClass === 'XCBR' && pos) this.breakers.push(pos);
  }

  /** MV (mag.f), CMV (cVal.mag.f) and the CMVs of a WYE or DEL (phsA, phsB …). */
  private collectMeasurement(d: DataNode, ld: string, ln: string, path: string[]): void {
    const f = leaf(d, 'mag', 'f') ?? leaf(d, 'cVal', 'mag', 'f');
    if (f && f.value.type === 'float') {
      const unit = unitOf(this.model, ld, ln, path);
      const typical = BY_UNIT[unit] ?? BY_UNIT['']!;
      const initial = f.value.value;
      const base = initial !== 0 ? initial : typical.base;
      this.measurements.push({ f, base, spread: typical.spread, load: typical.load, value: base });
      return;
    }
    if (d.kind === 'struct') for (const c of d.children) if (c.kind === 'struct' && childOf(c, 'q')) this.collectMeasurement(c, ld, ln, [...path, c.name]);
  }
}
