import type { PointBatch, PointIdentity, PointQuality, PointState } from './points';

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
  private readonly ids = new Map<string, { id: number; identity: PointIdentity }>();
  private readonly objects = new Map<string, number>();
  /** Objects already numbered (see objectRef). */
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
      this.objectRef(s.timeQuality, objs),
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
    let entry = this.ids.get(s.key);
    if (entry !== undefined && sameIdentity(entry.identity, s)) return entry.id;
    // A new point, or a key whose point changed (another project on the same connection): a new id, so
    // that rows sent before it keep naming what they named.
    entry = { id: this.nextId++, identity: { key: s.key, ied: s.ied, point: s.point, ref: s.ref, fc: s.fc, type: s.type } };
    this.ids.set(s.key, entry);
    out.push([entry.id, s.key, s.ied, s.point, s.ref, s.fc, s.type]);
    return entry.id;
  }

  /**
   * The cache hands out one frozen object per distinct quality and time quality (core/cache
   * quality-view.ts): known by identity, each one's JSON is made once per connection.
   */
  private objectRef(value: object | null, out: ObjectEntry[]): ObjectRef {
    if (value === null) return null;
    const seen = this.known.get(value);
    if (seen !== undefined) return seen;
    const ref = this.intern(JSON.stringify(value), value, out);
    if (typeof ref === 'number') this.known.set(value, ref);
    return ref;
  }

  /** The number of an object with this key, told to the connection the first time; the object itself once the table is full. */
  private intern(key: string, value: object, out: ObjectEntry[]): number | object {
    let index = this.objects.get(key);
    if (index === undefined) {
      if (this.objects.size >= this.limits.maxObjects) return value;
      index = this.objects.size;
      this.objects.set(key, index);
      out.push([index, value]);
    }
    return index;
  }
}

function sameIdentity(a: PointIdentity, s: PointState): boolean {
  return a.ied === s.ied && a.point === s.point && a.ref === s.ref && a.fc === s.fc && a.type === s.type;
}

/** What is wrong with a rows payload, and where. */
export class PointRowsError extends Error {
  override readonly name = 'PointRowsError';
}

/** Client side: one per connection, started again with it. */
export class PointRowsDecoder {
  private identities: (PointIdentity | undefined)[] = [];
  private objects: (object | undefined)[] = [];

  constructor(private readonly limits: PointRowsLimits = DEFAULT_POINT_ROWS_LIMITS) {}

  /** The batch the payload carries; throws PointRowsError (and keeps no part of it) when it is malformed. */
  decode(payload: unknown): PointBatch {
    if (!isRecord(payload)) throw new PointRowsError('pointBatch rows: the payload is not an object');
    const { batch, reset, ids, objs, rows } = payload;
    if (!Number.isSafeInteger(batch) || (batch as number) < 0) throw new PointRowsError('pointBatch rows: batch is not a non-negative integer');
    const where = `batch ${String(batch)}`;
    if (!Array.isArray(rows)) throw new PointRowsError(`pointBatch rows: ${where} has no rows array`);
    // A batch that defines something works on copies, kept only once every row has decoded (new
    // definitions come mostly with the first batches of a connection, so the copies are rare).
    const identities = reset === true ? [] : ids === undefined ? this.identities : [...this.identities];
    const objects = reset === true ? [] : objs === undefined ? this.objects : [...this.objects];
    if (ids !== undefined) this.define(ids, identities, where);
    if (objs !== undefined) this.intern(objs, objects, where);
    const changes = rows.map((row, i) => toState(row, identities, objects, `${where} row ${i}`));
    this.identities = identities;
    this.objects = objects;
    return { batch: batch as number, changes };
  }

  private define(ids: unknown, into: (PointIdentity | undefined)[], where: string): void {
    if (!Array.isArray(ids)) throw new PointRowsError(`pointBatch rows: ${where}: ids is not an array`);
    ids.forEach((e, i) => {
      const ok = Array.isArray(e) && e.length === 7 && isIndex(e[0], this.limits.maxIds) && e.slice(1).every((x) => typeof x === 'string');
      if (!ok) throw new PointRowsError(`pointBatch rows: ${where}: ids[${i}] is not [id, key, ied, point, ref, fc, type]`);
      const [id, key, ied, point, ref, fc, type] = e as IdentityEntry;
      into[id] = { key, ied, point, ref, fc, type: type as PointState['type'] };
    });
  }

  private intern(objs: unknown, into: (object | undefined)[], where: string): void {
    if (!Array.isArray(objs)) throw new PointRowsError(`pointBatch rows: ${where}: objs is not an array`);
    objs.forEach((e, i) => {
      const ok = Array.isArray(e) && e.length === 2 && isIndex(e[0], this.limits.maxObjects) && isRecord(e[1]);
      if (!ok) throw new PointRowsError(`pointBatch rows: ${where}: objs[${i}] is not [index, object]`);
      into[e[0] as number] = e[1] as object;
    });
  }
}

function toState(row: unknown, identities: readonly (PointIdentity | undefined)[], objects: readonly (object | undefined)[], where: string): PointState {
  if (!Array.isArray(row) || row.length !== 13) throw new PointRowsError(`pointBatch rows: ${where} is not an array of 13 facts`);
  const r = row as PointRow;
  const identity = typeof r[0] === 'number' ? identities[r[0]] : undefined;
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

function objectOf(ref: ObjectRef, objects: readonly (object | undefined)[], where: string): object | null {
  if (typeof ref !== 'number') return ref;
  const object = objects[ref];
  if (object === undefined) throw new PointRowsError(`pointBatch rows: ${where} names object ${ref}, which the connection was never told`);
  return object;
}

function isIndex(value: unknown, bound: number): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < bound;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
