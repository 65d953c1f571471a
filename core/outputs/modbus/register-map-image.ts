import { neverPointState, type BadValuePolicy, type ModbusArea, type PointBatch, type PointState } from '../../contract';
import { ownedRanges, type MappedPoint, type RegisterMap } from './register-map';
import { writeRegisters, writeUint16, writeUint32 } from './register-map-codec';
import { AREAS, AREA_SIZE, isBitArea } from './register-map-layout';
import { ageSeconds, qualityRegister, statusWord, timestampParts } from './register-map-status';

/**
 * The register image the Modbus server answers from: the four areas as they go on the wire (registers
 * big-endian, two bytes each; bits one byte each, 0 or 1), written from point state changes.
 *
 * Atomicity: `apply` writes all registers of a point (value and companions) in one synchronous call, and
 * the server copies a response out of the image in one synchronous call, so on Node's single thread a
 * read never sees half an old and half a new value. The server must copy (never hand a view of the
 * image to a socket write that may be sent later).
 *
 * Initially every point is `never`: status says never updated and invalid, quality unknown, timestamp 0,
 * age 65535, sequence 0, and the value registers hold 0 (policy hold) or the substitute.
 */

interface Slot {
  readonly point: MappedPoint;
  overflow: boolean;
  substituted: boolean;
  localTime: number | null;
}

/** A mapped point's state before anything has arrived: status `never`, nothing known. */
export function initialPointState(p: Pick<MappedPoint, 'key' | 'ied' | 'point' | 'ref' | 'fc' | 'iecType'>): PointState {
  return neverPointState({ key: p.key, ied: p.ied, point: p.point, ref: p.ref, fc: p.fc, type: p.iecType });
}

export class RegisterImage {
  private readonly areas: Record<ModbusArea, Uint8Array> = {
    coil: new Uint8Array(AREA_SIZE),
    discrete: new Uint8Array(AREA_SIZE),
    input: new Uint8Array(AREA_SIZE * 2),
    holding: new Uint8Array(AREA_SIZE * 2),
  };
  /** runs[area][a]: how many consecutive mapped addresses start at a (capped at 65535). */
  private readonly runs: Record<ModbusArea, Uint16Array>;
  private readonly slots = new Map<string, Slot>();
  private readonly withAge: Slot[] = [];

  constructor(
    readonly map: RegisterMap,
    readonly policy: BadValuePolicy = { mode: 'hold' },
  ) {
    this.runs = mappedRuns(map);
    for (const point of map.points) {
      const slot: Slot = { point, overflow: false, substituted: false, localTime: null };
      this.slots.set(point.key, slot);
      if (point.companions.some((c) => c.kind === 'age')) this.withAge.push(slot);
      this.write(slot, initialPointState(point), 0);
    }
  }

  /** The bytes of an area: registers big-endian (2 bytes each), bits one byte each. Read-only for callers. */
  bytes(area: ModbusArea): Uint8Array {
    return this.areas[area];
  }

  /** True when every address of [start, start + count) is mapped, or fillGaps and the range exists. */
  isReadable(area: ModbusArea, start: number, count: number, fillGaps: boolean): boolean {
    if (start + count > AREA_SIZE) return false;
    return fillGaps || (this.runs[area][start] ?? 0) >= count;
  }

  /** Applies one point's state; false when the point is not in the map. */
  apply(state: PointState, nowMs: number): boolean {
    const slot = this.slots.get(state.key);
    if (slot === undefined) return false;
    this.write(slot, state, nowMs);
    return true;
  }

  applyBatch(batch: PointBatch, nowMs: number): number {
    let applied = 0;
    for (const state of batch.changes) if (this.apply(state, nowMs)) applied++;
    return applied;
  }

  /** Rewrites every age register for `nowMs` (the server calls this about once a second). */
  refreshAges(nowMs: number): void {
    for (const slot of this.withAge) {
      for (const c of slot.point.companions) {
        if (c.kind === 'age') writeUint16(this.areas[c.area], c.address * 2, ageSeconds(slot.localTime, nowMs));
      }
    }
  }

  /** The overflow and policy-substitution flags of a point, as its status word shows them. */
  flags(key: string): { overflow: boolean; substituted: boolean } | undefined {
    const slot = this.slots.get(key);
    return slot === undefined ? undefined : { overflow: slot.overflow, substituted: slot.substituted };
  }

  private write(slot: Slot, state: PointState, nowMs: number): void {
    const usable = state.status === 'ok' && state.numeric !== null && state.quality?.validity !== 'invalid';
    if (usable && state.numeric !== null) {
      slot.overflow = this.writeValue(slot.point, state.numeric);
      slot.substituted = false;
    } else if (this.policy.mode === 'substitute') {
      slot.overflow = this.writeValue(slot.point, this.policy.value);
      slot.substituted = true;
    } else {
      // hold: the registers keep the last value; the status word says why it is not current.
      slot.substituted = false;
    }
    slot.localTime = state.localTime;
    const { modbus } = slot.point;
    for (const c of slot.point.companions) {
      const target = this.areas[c.area];
      const at = c.address * 2;
      switch (c.kind) {
        case 'quality':
          writeUint16(target, at, qualityRegister(state));
          break;
        case 'status':
          writeUint16(target, at, statusWord(state, slot));
          break;
        case 'timestamp': {
          const t = timestampParts(state.deviceTime);
          writeUint32(target, at, t.seconds, modbus.wordOrder);
          writeUint16(target, at + 4, t.millis);
          break;
        }
        case 'age':
          writeUint16(target, at, ageSeconds(state.localTime, nowMs));
          break;
        case 'sequence':
          writeUint16(target, at, state.seq & 0xffff);
          break;
      }
    }
  }

  /** Writes the value registers (or bit); returns the overflow flag. */
  private writeValue(point: MappedPoint, value: number): boolean {
    const { area, address } = point.modbus;
    if (isBitArea(area)) {
      this.areas[area][address] = value !== 0 && !Number.isNaN(value) ? 1 : 0;
      return false;
    }
    return writeRegisters(this.areas[area], address * 2, point.modbus, value);
  }
}

function mappedRuns(map: RegisterMap): Record<ModbusArea, Uint16Array> {
  const mapped = Object.fromEntries(AREAS.map((a) => [a, new Uint8Array(AREA_SIZE)])) as Record<ModbusArea, Uint8Array>;
  for (const p of map.points) {
    for (const r of ownedRanges(p)) mapped[r.area].fill(1, r.start, Math.min(AREA_SIZE, r.start + r.length));
  }
  const runs = {} as Record<ModbusArea, Uint16Array>;
  for (const area of AREAS) {
    const run = new Uint16Array(AREA_SIZE);
    let n = 0;
    for (let a = AREA_SIZE - 1; a >= 0; a--) {
      n = mapped[area][a] === 1 ? Math.min(0xffff, n + 1) : 0;
      run[a] = n;
    }
    runs[area] = run;
  }
  return runs;
}
