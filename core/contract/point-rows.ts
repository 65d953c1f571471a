import type { PointBatch, PointQuality, PointState } from './points';

/**
 * The compact WebSocket form of the pointBatch event ("rows"), for a client that asks for it (the UI:
 * `/api?pointBatch=rows`). A PointState is about 500 bytes of JSON, most of it names a client already
 * has — the point's identity (key, ied, point, ref, fc, type) and its quality object spelt out. At 20,000
 * points changing twice a second that is 20 MB/s the browser must receive, decode and parse on its main
 * thread (docs/BENCHMARKS.md, the live grid). In rows form a point's identity is sent once per
 * connection and then named by a number, quality and time-quality objects are sent once and then named
 * by a number, and each change is one array of its facts: about a fifth of the bytes.
 *
 *   {"event":"pointBatch","encoding":"rows","payload":{
 *      "batch": 12,
 *      "reset": true,                                          only when both sides start their tables again
 *      "ids":  [[0, "FDR1/p0", "FDR1", "p0", "FDR1LD0/MMXU1.TotW.mag.f", "MX", "float32"], …],   new identities
 *      "objs": [[0, {"validity":"good", …}], …],              new quality / time-quality objects
 *      "rows": [[0, 12.5, 12.5, 0, "2026-…Z", 1, 1764801234567, 7, "poll", "ok", false, null, 0], …]}}
 *
 * A row is [id, value, numeric, quality, deviceTime, timeQuality, localTime, seq, source, status, test,
 * reason, buffered]: quality and timeQuality are an objs number, null, or the object itself (when the
 * table is full); buffered is 0 (absent), 1 (true) or 2 (false). Both sides' tables live as long as the
 * connection; the encoder starts them again (`reset`) before they pass their bounds, so neither side's
 * memory grows with the time it runs. The module imports nothing but types: the renderer's WebSocket
 * client uses the decoder, the host the encoder.
 */
export interface PointRowsPayload {
  batch: number;
  reset?: true;
  ids?: IdentityEntry[];
  objs?: ObjectEntry[];
  rows: PointRow[];
}

export type IdentityEntry = [id: number, key: string, ied: string, point: string, ref: string, fc: string, type: string];
export type ObjectEntry = [index: number, object: object];
type ObjectRef = number | object | null;
export type PointRow = [
  id: number,
  value: PointState['value'],
  numeric: number | null,
  quality: ObjectRef,
  deviceTime: string | null,
  timeQuality: ObjectRef,
  localTime: number | null,
  seq: number,
  source: PointState['source'],
  status: PointState['status'],
  test: boolean,
  reason: string | null,
  buffered: 0 | 1 | 2,
];

/** Bounds of one connection's tables (the encoder resets both before either passes its bound). */
export interface PointRowsLimits {
  /** Point identities (one per point key seen on the connection). */
  maxIds: number;
  /** Distinct quality and time-quality objects (13 quality bits and 35 time-quality states make far fewer). */
  maxObjects: number;
}

export const DEFAULT_POINT_ROWS_LIMITS: PointRowsLimits = { maxIds: 1_000_000, maxObjects: 4096 };

/** Server side: one per connection, since what it sends depends on what the connection was sent. */
export class PointRowsEncoder {
  private readonly ids = new Map<string, { id: number; identity: string }>();
  private readonly objects = new Map<string, number>();
  /** The cache hands out the same quality object while a point's quality stays: skip its JSON then. */
  private known = new WeakMap<object, number>();
  private nextId = 0;
  private fresh = true;

  constructor(private readonly limits: PointRowsLimits = DEFAULT_POINT_ROWS_LIMITS) {}

  encode(batch: PointBatch): PointRowsPayload {
    const reset = this.fresh || this.nextId + batch.changes.length > this.limits.maxIds;
    if (reset) this.reset();
    const ids: IdentityEntry[] = [];
    const objs: ObjectEntry[] = [];
    const rows = batch.changes.map((s): PointRow => [
      this.idOf(s, ids),
      s.value,
      s.numeric,
      this.objectRef(s.quality, objs),
      s.deviceTime,
      this.objectRef(s.timeQuality, objs, timeQualityKey),
      s.localTime,
      s.seq,
      s.source,
      s.status,
      s.test,
      s.reason,
      s.buffered === undefined ? 0 : s.buffered ? 1 : 2,
    ]);
    // rows last: a reader counting rows in the text finds them after everything else.
    return {
      batch: batch.batch,
      ...(reset ? { reset: true as const } : {}),
      ...(ids.length > 0 ? { ids } : {}),
      ...(objs.length > 0 ? { objs } : {}),
      rows,
    };
  }

  private reset(): void {
    this.ids.clear();
    this.nextId = 0;
    this.objects.clear();
    this.known = new WeakMap();
    this.fresh = false;
  }

  private idOf(s: PointState, out: IdentityEntry[]): number {
    const identity = `${s.ied}\u0000${s.point}\u0000${s.ref}\u0000${s.fc}\u0000${s.type}`;
    let entry = this.ids.get(s.key);
    if (entry?.identity === identity) return entry.id;
    // A new point, or a key whose point changed (another project on the same connection): a new id, so
    // that rows sent before it keep naming what they named.
    entry = { id: this.nextId++, identity };
    this.ids.set(s.key, entry);
    out.push([entry.id, s.key, s.ied, s.point, s.ref, s.fc, s.type]);
    return entry.id;
  }

  private objectRef<T extends object>(value: T | null, out: ObjectEntry[], keyOf: (v: T) => string = (v) => JSON.stringify(v)): ObjectRef {
    if (value === null) return null;
    const seen = this.known.get(value);
    if (seen !== undefined) return seen;
    const text = keyOf(value);
    let index = this.objects.get(text);
    if (index === undefined) {
      if (this.objects.size >= this.limits.maxObjects) return value;
      index = this.objects.size;
      this.objects.set(text, index);
      out.push([index, value]);
    }
    this.known.set(value, index);
    return index;
  }
}

/** The cache builds a new time-quality object per state, so its key is built without JSON. */
function timeQualityKey(t: NonNullable<PointState['timeQuality']>): string {
  return `t${+t.leapSecondsKnown}${+t.clockFailure}${+t.clockNotSynchronized}${t.accuracy}`;
}

/** What is wrong with a rows payload, and where. */
export class PointRowsError extends Error {
  override readonly name = 'PointRowsError';
}

/** Client side: one per connection, started again with it. */
export class PointRowsDecoder {
  private identities: (Identity | undefined)[] = [];
  private objects: (object | undefined)[] = [];

  constructor(private readonly limits: PointRowsLimits = DEFAULT_POINT_ROWS_LIMITS) {}

  /** The batch the payload carries; throws PointRowsError (and keeps no part of it) when it is malformed. */
  decode(payload: unknown): PointBatch {
    if (!isRecord(payload)) throw new PointRowsError('pointBatch rows: the payload is not an object');
    const { batch, reset, ids, objs, rows } = payload;
    if (!Number.isSafeInteger(batch) || (batch as number) < 0) throw new PointRowsError('pointBatch rows: batch is not a non-negative integer');
    const where = `batch ${String(batch)}`;
    if (!Array.isArray(rows)) throw new PointRowsError(`pointBatch rows: ${where} has no rows array`);
    // What this batch defines is staged and kept only once every row has decoded.
    const baseIds = reset === true ? [] : this.identities;
    const baseObjects = reset === true ? [] : this.objects;
    const identities = ids === undefined ? baseIds : staged(baseIds, this.definitions(ids, where));
    const objects = objs === undefined ? baseObjects : staged(baseObjects, this.interned(objs, where));
    const changes = rows.map((row, i) => toState(row, identities, objects, `${where} row ${i}`));
    this.identities = commit(baseIds, identities);
    this.objects = commit(baseObjects, objects);
    return { batch: batch as number, changes };
  }

  private definitions(ids: unknown, where: string): Map<number, Identity> {
    if (!Array.isArray(ids)) throw new PointRowsError(`pointBatch rows: ${where}: ids is not an array`);
    const out = new Map<number, Identity>();
    ids.forEach((e, i) => {
      const ok = Array.isArray(e) && e.length === 7 && isIndex(e[0], this.limits.maxIds) && e.slice(1).every((x) => typeof x === 'string');
      if (!ok) throw new PointRowsError(`pointBatch rows: ${where}: ids[${i}] is not [id, key, ied, point, ref, fc, type]`);
      const [id, key, ied, point, ref, fc, type] = e as IdentityEntry;
      out.set(id, { key, ied, point, ref, fc, type: type as PointState['type'] });
    });
    return out;
  }

  private interned(objs: unknown, where: string): Map<number, object> {
    if (!Array.isArray(objs)) throw new PointRowsError(`pointBatch rows: ${where}: objs is not an array`);
    const out = new Map<number, object>();
    objs.forEach((e, i) => {
      const ok = Array.isArray(e) && e.length === 2 && isIndex(e[0], this.limits.maxObjects) && isRecord(e[1]);
      if (!ok) throw new PointRowsError(`pointBatch rows: ${where}: objs[${i}] is not [index, object]`);
      out.set(e[0] as number, e[1] as object);
    });
    return out;
  }
}

type Identity = Pick<PointState, 'key' | 'ied' | 'point' | 'ref' | 'fc' | 'type'>;

/** A table seen through this batch's definitions (looked up first), without copying the table. */
interface Staged<T> {
  table: readonly (T | undefined)[];
  added: Map<number, T>;
}
type Table<T> = readonly (T | undefined)[] | Staged<T>;

function staged<T>(table: readonly (T | undefined)[], added: Map<number, T>): Staged<T> {
  return { table, added };
}

function lookup<T>(t: Table<T>, index: number): T | undefined {
  return Array.isArray(t) ? (t as readonly (T | undefined)[])[index] : ((t as Staged<T>).added.get(index) ?? (t as Staged<T>).table[index]);
}

function commit<T>(base: (T | undefined)[], t: Table<T>): (T | undefined)[] {
  if (Array.isArray(t)) return base;
  for (const [index, value] of (t as Staged<T>).added) base[index] = value;
  return base;
}

function toState(row: unknown, identities: Table<Identity>, objects: Table<object>, where: string): PointState {
  if (!Array.isArray(row) || row.length !== 13) throw new PointRowsError(`pointBatch rows: ${where} is not an array of 13 facts`);
  const r = row as PointRow;
  const identity = typeof r[0] === 'number' ? lookup(identities, r[0]) : undefined;
  if (!identity) throw new PointRowsError(`pointBatch rows: ${where} names point ${String(r[0])}, which the connection was never told`);
  const state: PointState = {
    ...identity,
    value: r[1],
    numeric: r[2],
    quality: objectOf(r[3], objects, `${where} quality`) as PointQuality | null,
    deviceTime: r[4],
    timeQuality: objectOf(r[5], objects, `${where} timeQuality`) as PointState['timeQuality'],
    localTime: r[6],
    seq: r[7],
    source: r[8],
    status: r[9],
    test: r[10],
    reason: r[11],
  };
  if (r[12] !== 0) state.buffered = r[12] === 1;
  return state;
}

function objectOf(ref: ObjectRef, objects: Table<object>, where: string): object | null {
  if (typeof ref !== 'number') return ref;
  const object = lookup(objects, ref);
  if (object === undefined) throw new PointRowsError(`pointBatch rows: ${where} names object ${ref}, which the connection was never told`);
  return object;
}

function isIndex(value: unknown, bound: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < bound;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
