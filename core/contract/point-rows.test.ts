import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neverPointState, type PointBatch, type PointState } from './points';
import { PointRowsDecoder, PointRowsEncoder, PointRowsError } from './point-rows';

const GOOD = Object.freeze({ validity: 'good' as const, flags: [], source: 'process' as const, test: false, operatorBlocked: false, raw: 0, text: 'good' });
const TEST = Object.freeze({ validity: 'good' as const, flags: [], source: 'process' as const, test: true, operatorBlocked: false, raw: 0x800, text: 'good | test' });

function state(i: number, over: Partial<PointState> = {}): PointState {
  return {
    ...neverPointState({ key: `FDR1/p${i}`, ied: 'FDR1', point: `p${i}`, ref: `FDR1LD0/MMXU1.A.phsA.cVal.mag.f${i}`, fc: 'MX', type: 'float32' }),
    value: 12.5 + i,
    numeric: 12.5 + i,
    quality: GOOD,
    deviceTime: '2026-12-03T21:00:00.123Z',
    timeQuality: { leapSecondsKnown: true, clockFailure: false, clockNotSynchronized: false, accuracy: 10 },
    localTime: 1_764_795_600_000 + i,
    seq: i,
    source: 'poll',
    status: 'ok',
    ...over,
  };
}

/** What a batch is once it has crossed the wire (JSON text both ways). */
function overWire(encoder: PointRowsEncoder, decoder: PointRowsDecoder, batch: PointBatch): PointBatch {
  return decoder.decode(JSON.parse(JSON.stringify(encoder.encode(batch))));
}

const arbState = fc.record({
  i: fc.integer({ min: 0, max: 40 }),
  value: fc.oneof(fc.double({ noNaN: true }), fc.boolean(), fc.string(), fc.constant(null)),
  quality: fc.oneof(fc.constant(null), fc.constant(GOOD), fc.constant(TEST), fc.integer({ min: 0, max: 0x1fff }).map((raw) => ({ ...GOOD, raw }))),
  timeQuality: fc.option(fc.record({ leapSecondsKnown: fc.boolean(), clockFailure: fc.boolean(), clockNotSynchronized: fc.boolean(), accuracy: fc.integer({ min: 0, max: 31 }) })),
  status: fc.constantFrom('ok', 'stale', 'disconnected', 'never', 'error'),
  source: fc.constantFrom('report', 'poll', null),
  buffered: fc.constantFrom(undefined, true, false),
  ref: fc.constantFrom('A/LLN0.Mod.stVal', 'A/XCBR1.Pos.stVal'),
  reason: fc.option(fc.string()),
});

describe('pointBatch rows: the compact WebSocket form', () => {
  it('gives back every batch as the plain form would, over a connection of many batches (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbState, { maxLength: 30 }), { maxLength: 12 }), fc.integer({ min: 2, max: 50 }), (batches, maxIds) => {
        const encoder = new PointRowsEncoder({ maxIds: maxIds + 30, maxObjects: 6 });
        const decoder = new PointRowsDecoder({ maxIds: maxIds + 30, maxObjects: 6 });
        batches.forEach((changes, b) => {
          const sent: PointBatch = {
            batch: b + 1,
            changes: changes.map((c) => {
              const { buffered, i, ...rest } = c;
              return state(i, { ...rest, ...(buffered === undefined ? {} : { buffered }) });
            }),
          };
          // Equal to what the plain form delivers: JSON itself turns -0 into 0 and ±Infinity into null.
          expect(overWire(encoder, decoder, sent)).toEqual(JSON.parse(JSON.stringify(sent)));
        });
      }),
    );
  });

  it('sends a point identity once per connection, and a quality object once', () => {
    const encoder = new PointRowsEncoder();
    const first = encoder.encode({ batch: 1, changes: [state(0), state(1)] });
    const second = encoder.encode({ batch: 2, changes: [state(0, { value: 3 }), state(1, { value: 4 })] });
    expect(first.reset).toBe(true);
    expect(first.ids?.map((e) => e[1])).toEqual(['FDR1/p0', 'FDR1/p1']);
    expect(first.objs?.map((e) => e[1])).toEqual([GOOD, state(0).timeQuality]);
    expect(second).toEqual({ batch: 2, rows: second.rows });
    expect(second.rows.map((r) => [r[0], r[1], r[3], r[5]])).toEqual([
      [0, 3, 0, 1],
      [1, 4, 0, 1],
    ]);
  });

  it('is a fraction of the plain JSON for a steady stream of analogue changes', () => {
    const encoder = new PointRowsEncoder();
    const batch = (n: number): PointBatch => ({ batch: n, changes: Array.from({ length: 250 }, (_, i) => state(i, { value: n + i / 7, numeric: n + i / 7 })) });
    encoder.encode(batch(1));
    const plain = JSON.stringify(batch(2)).length;
    const rows = JSON.stringify(encoder.encode(batch(2))).length;
    expect(rows / plain).toBeLessThan(0.3);
  });

  it('defines a key again when its point changed (another project on the same connection)', () => {
    const encoder = new PointRowsEncoder();
    const decoder = new PointRowsDecoder();
    overWire(encoder, decoder, { batch: 1, changes: [state(0)] });
    const moved = state(0, { ref: 'FDR1LD0/MMXU2.TotW.mag.f', type: 'float64' });
    expect(overWire(encoder, decoder, { batch: 2, changes: [moved] }).changes).toEqual([moved]);
  });

  it('starts both tables again before the identities pass their bound', () => {
    const encoder = new PointRowsEncoder({ maxIds: 3, maxObjects: 10 });
    const decoder = new PointRowsDecoder({ maxIds: 3, maxObjects: 10 });
    overWire(encoder, decoder, { batch: 1, changes: [state(0), state(1)] });
    const next = encoder.encode({ batch: 2, changes: [state(2), state(3)] });
    expect(next.reset).toBe(true);
    expect(next.ids?.map((e) => e[0])).toEqual([0, 1]);
    expect(decoder.decode(JSON.parse(JSON.stringify(next))).changes).toEqual([state(2), state(3)]);
  });

  it('sends an object itself once its table is full', () => {
    const encoder = new PointRowsEncoder({ maxIds: 10, maxObjects: 1 });
    const out = encoder.encode({ batch: 1, changes: [state(0)] });
    expect(out.rows[0]?.[3]).toBe(0);
    expect(out.rows[0]?.[5]).toEqual(state(0).timeQuality);
  });

  it('refuses a malformed payload, saying where, and keeps nothing of it', () => {
    const encoder = new PointRowsEncoder();
    const decoder = new PointRowsDecoder();
    overWire(encoder, decoder, { batch: 1, changes: [state(0)] });
    const bad: [unknown, RegExp][] = [
      [null, /payload is not an object/],
      [{ batch: -1, rows: [] }, /batch is not a non-negative integer/],
      [{ batch: 2 }, /batch 2 has no rows array/],
      [{ batch: 2, rows: [[0, 1]] }, /batch 2 row 0 is not an array of 13 facts/],
      [{ batch: 2, rows: [[7, 1, 1, null, null, null, 1, 1, 'poll', 'ok', false, null, 0]] }, /batch 2 row 0 names point 7, which the connection was never told/],
      [{ batch: 2, rows: [[0, 1, 1, 9, null, null, 1, 1, 'poll', 'ok', false, null, 0]] }, /batch 2 row 0 quality names object 9/],
      [{ batch: 2, ids: [[1, 'k']], rows: [] }, /batch 2: ids\[0\] is not \[id, key, ied, point, ref, fc, type\]/],
      [{ batch: 2, objs: [[5_000_000, {}]], rows: [] }, /batch 2: objs\[0\] is not \[index, object\]/],
      // A batch that defines a point and then fails must not leave the definition behind.
      [{ batch: 2, ids: [[1, 'X/a', 'X', 'a', 'X/LLN0.Mod.stVal', 'ST', 'enum']], rows: [[1, 1, 1, null, null, null, 1, 1, 'poll', 'ok', false, null, 0], [2]] }, /row 1/],
    ];
    for (const [payload, message] of bad) {
      expect(() => decoder.decode(payload)).toThrow(PointRowsError);
      expect(() => decoder.decode(payload)).toThrow(message);
    }
    expect(() => decoder.decode({ batch: 3, rows: [[1, 1, 1, null, null, null, 1, 1, 'poll', 'ok', false, null, 0]] })).toThrow(/names point 1/);
    const after = state(0, { value: 99, numeric: 99 });
    expect(overWire(encoder, decoder, { batch: 4, changes: [after] }).changes).toEqual([after]);
  });
});
