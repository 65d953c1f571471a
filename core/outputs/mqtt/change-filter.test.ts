import { describe, expect, it } from 'vitest';
import type { Deadband, PointState } from '../../contract';
import { ChangeFilter, exceedsDeadband, type FilterPoint } from './change-filter';
import { okState } from './states.fixture';

function analog(value: number, extra: Partial<PointState> = {}): PointState {
  return okState('float32', value, value, extra);
}

function filterWith(deadband?: Deadband): ChangeFilter {
  return new ChangeFilter(new Map<string, FilterPoint>([['IED1/p', { type: 'float32', deadband }]]));
}

/** Feeds values through the filter and returns those it would publish. */
function published(f: ChangeFilter, states: PointState[]): (PointState['value'] | string)[] {
  const out: (PointState['value'] | string)[] = [];
  for (const s of states) {
    if (!f.accepts(s)) continue;
    f.remember(s);
    out.push(s.status === 'ok' ? s.value : s.status);
  }
  return out;
}

describe('exceedsDeadband', () => {
  it.each([
    [{ kind: 'absolute', value: 1 }, 10, 11, false],
    [{ kind: 'absolute', value: 1 }, 10, 11.01, true],
    [{ kind: 'absolute', value: 1 }, 10, 8.9, true],
    [{ kind: 'percent', value: 5 }, 100, 104.9, false],
    [{ kind: 'percent', value: 5 }, 100, 94, true],
    [{ kind: 'percent', value: 5 }, -100, -106, true],
    [{ kind: 'percent', value: 5 }, 0, 0.001, true],
    [{ kind: 'absolute', value: 0 }, 1, 1, false],
    [{ kind: 'absolute', value: 5 }, 1, NaN, true],
  ] as [Deadband, number, number, boolean][])('%o from %d to %d: %s', (db, last, next, out) => {
    expect(exceedsDeadband(last, next, db)).toBe(out);
  });
});

describe('ChangeFilter', () => {
  it('publishes every value change without a deadband, and no repeat', () => {
    expect(published(filterWith(), [analog(1), analog(1), analog(1.5), analog(1.5), analog(1)])).toEqual([
      1, 1.5, 1,
    ]);
  });

  it('holds moves inside an absolute deadband against the last published value', () => {
    // 10 → 10.4 → 10.8 stays within 1 of 10; 11.2 leaves it; then 10.5 is within 1 of 11.2.
    const f = filterWith({ kind: 'absolute', value: 1 });
    expect(
      published(
        f,
        [10, 10.4, 10.8, 11.2, 10.5, 9.9].map((v) => analog(v)),
      ),
    ).toEqual([10, 11.2, 9.9]);
  });

  it('holds moves inside a percent deadband', () => {
    const f = filterWith({ kind: 'percent', value: 10 });
    expect(
      published(
        f,
        [100, 105, 109, 111, 120, 123].map((v) => analog(v)),
      ),
    ).toEqual([100, 111, 123]);
  });

  it('publishes a stale, disconnected or test transition once, whatever the deadband', () => {
    const f = filterWith({ kind: 'absolute', value: 100 });
    const seq = [
      analog(10),
      analog(10, { status: 'stale' }),
      analog(10, { status: 'stale' }),
      analog(10, { status: 'stale' }),
      analog(10),
      analog(10, { status: 'disconnected' }),
      analog(10, { status: 'disconnected' }),
      analog(10, { test: true }),
      analog(10, { test: true }),
    ];
    expect(published(f, seq)).toEqual([10, 'stale', 10, 'disconnected', 10]);
  });

  it('publishes a quality change with the same value', () => {
    const f = filterWith({ kind: 'absolute', value: 100 });
    const q = {
      validity: 'invalid' as const,
      flags: ['failure'],
      source: 'process' as const,
      test: false,
      operatorBlocked: false,
      raw: 0x41,
      text: 'invalid: failure',
    };
    expect(published(f, [analog(10), analog(10, { quality: q }), analog(10, { quality: q })])).toEqual([
      10, 10,
    ]);
  });

  it('does not apply a deadband to non-analog types', () => {
    const f = new ChangeFilter(
      new Map([['IED1/p', { type: 'dbpos' as const, deadband: { kind: 'absolute' as const, value: 5 } }]]),
    );
    const pos = (v: string, n: number) => analog(0, { type: 'dbpos', value: v, numeric: n });
    expect(published(f, [pos('open', 1), pos('closed', 2), pos('closed', 2), pos('open', 1)])).toEqual([
      'open',
      'closed',
      'open',
    ]);
  });

  it('treats NaN as equal to NaN', () => {
    expect(published(filterWith(), [analog(NaN), analog(NaN), analog(1)])).toEqual([NaN, 1]);
  });

  it('tells a value change from a status-only change', () => {
    const f = filterWith();
    f.remember(analog(3));
    expect(f.valueChanged(analog(3, { status: 'stale' }))).toBe(false);
    expect(f.valueChanged(analog(4))).toBe(true);
  });
});
