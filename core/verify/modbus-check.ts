import type { BadValuePolicy, ModbusArea, VerifyFailure } from '../contract';
import { isBitArea, registerRange, scaleValue, type MappedCompanion, type MappedPoint } from '../outputs';
import { isSubstituted, isUsable, substituteOf, validityOf, type Expectation } from './expectation';
import { decodeRegisters, hexWords } from './register-decode';

/** What a Modbus client read: the words (bits as 0/1) of a range, or why they could not be read. */
export interface RegisterReads {
  words(area: ModbusArea, address: number, count: number): readonly number[] | string;
}

/** The raw value the value registers hold after a step, kept for the next step under `hold`. */
export interface HeldValue {
  readonly raw: number;
  readonly overflow: boolean;
}

export interface ModbusCheckContext {
  readonly policy: BadValuePolicy;
  /** What the value registers held before this step (the last good value); null before any. */
  readonly held: HeldValue | null;
  /** The sequence register before this step; null when unknown. */
  readonly sequenceBefore: number | null;
  /** ms since the step's change at the source: the age register may not exceed it. */
  readonly elapsedMs: number;
}

export interface ModbusCheck {
  readonly checks: number;
  readonly failures: VerifyFailure[];
  /** What the value registers must hold now (the next step's `held`). */
  readonly held: HeldValue | null;
  /** The sequence register as read; null when not mapped or not read. */
  readonly sequence: number | null;
}

/**
 * Status word bits (CONVENTIONS.md "Modbus TCP server", companion `status`), written from the contract:
 * bits 0-1 validity (0 good, 1 invalid, 2 reserved, 3 questionable), 2 stale, 3 disconnected, 4 test,
 * 5 substituted, 6 overflow, 7 never updated.
 */
const STATUS_VALIDITY = { good: 0, invalid: 1, reserved: 2, questionable: 3 } as const;
const STATUS_TEST = 1 << 4;
const STATUS_SUBSTITUTED = 1 << 5;
const STATUS_OVERFLOW = 1 << 6;
/** The quality register when the gateway knows no quality (docs/MODBUS.md). */
const QUALITY_NONE = 0x8000;

/** `holding 0-1 (40001-40002) float32 CDAB`: where a point's value is, as messages name it. */
export function valuePlace(p: MappedPoint): string {
  const m = p.modbus;
  return `${registerRange(m.area, m.address, p.length)} ${m.type}${p.length > 1 ? ` ${m.wordOrder}` : ''}`;
}

const num = (x: number): string => (Number.isInteger(x) || !Number.isFinite(x) ? String(x) : String(Number(x.toPrecision(9))));

/** Checks one point's value registers and companions against what the step should show. */
export function checkModbus(p: MappedPoint, e: Expectation, read: RegisterReads, ctx: ModbusCheckContext): ModbusCheck {
  const failures: VerifyFailure[] = [];
  let checks = 0;
  const fail = (item: string, where: string, expected: string, got: string): void => {
    failures.push({ step: e.step, output: 'modbus', item, where, expected, read: got });
  };
  const value = expectedValue(p, e, ctx);
  checks++;
  const got = read.words(p.modbus.area, p.modbus.address, p.length);
  const want = value.substituted
    ? `${engineering(p, value.raw)} (badValuePolicy substitute)`
    : !isUsable(e)
      ? `${engineering(p, value.raw)} (held: the new value is invalid)`
      : codeText(p, e, value.raw);
  if (typeof got === 'string') fail('value', valuePlace(p), want, got);
  else if (value.raw !== null && !sameRaw(p, decode(p, got), value.raw))
    fail('value', valuePlace(p), want, `${engineering(p, decode(p, got))} (${hexWords(got)})`);
  let sequence: number | null = null;
  for (const c of p.companions) {
    checks++;
    const where = registerRange(c.area, c.address, c.length);
    const words = read.words(c.area, c.address, c.length);
    if (typeof words === 'string') {
      fail(c.kind, where, expectedCompanion(c, e, value, ctx, p), words);
      continue;
    }
    const problem = checkCompanion(c, words, e, value, ctx, p);
    if (c.kind === 'sequence') sequence = words[0] ?? null;
    if (problem) fail(c.kind, where, problem.expected, problem.read);
  }
  return { checks, failures, held: value.raw === null ? ctx.held : { raw: value.raw, overflow: value.overflow }, sequence };
}

interface ExpectedValue {
  /** null: nothing known to compare (a bad value before any good one, under hold). */
  readonly raw: number | null;
  readonly overflow: boolean;
  readonly substituted: boolean;
}

function expectedValue(p: MappedPoint, e: Expectation, ctx: ModbusCheckContext): ExpectedValue {
  const bit = isBitArea(p.modbus.area);
  if (isUsable(e) && e.numeric !== null) {
    if (bit) return { raw: e.numeric !== 0 ? 1 : 0, overflow: false, substituted: false };
    const s = scaleValue(p.modbus, e.numeric);
    return { raw: s.raw, overflow: s.overflow, substituted: false };
  }
  const substitute = substituteOf(ctx.policy);
  if (substitute !== null) {
    if (bit) return { raw: substitute !== 0 ? 1 : 0, overflow: false, substituted: true };
    const s = scaleValue(p.modbus, substitute);
    return { raw: s.raw, overflow: s.overflow, substituted: true };
  }
  return { raw: ctx.held?.raw ?? null, overflow: ctx.held?.overflow ?? false, substituted: false };
}

function decode(p: MappedPoint, words: readonly number[]): number {
  return isBitArea(p.modbus.area) ? (words[0] ?? 0) : decodeRegisters(words, p.modbus.type, p.modbus.wordOrder);
}

function sameRaw(p: MappedPoint, read: number, expected: number): boolean {
  return p.modbus.type === 'float32' ? read === Math.fround(expected) : read === expected;
}

/** `110.25`, or with scaling `12.5 (raw 125)`. */
function engineering(p: MappedPoint, raw: number | null): string {
  if (raw === null) return 'unknown';
  const { gain, offset } = p.modbus;
  if (gain === 1 && offset === 0) return num(raw);
  return `${num((raw - offset) / gain)} (raw ${num(raw)})`;
}

/** A code type shows its name too: `open (1)`, `on (1)`, `true (1)`. */
function codeText(p: MappedPoint, e: Expectation, raw: number | null): string {
  const coded = typeof e.shown !== 'number' && raw !== null;
  return coded ? `${String(e.shown)} (${raw})` : engineering(p, raw);
}

function expectedStatus(e: Expectation, value: ExpectedValue): number {
  const validity = validityOf(e.quality);
  let word = validity === null ? STATUS_VALIDITY.questionable : STATUS_VALIDITY[validity];
  if (e.test) word |= STATUS_TEST;
  if (value.substituted || isSubstituted(e.quality)) word |= STATUS_SUBSTITUTED;
  if (value.overflow) word |= STATUS_OVERFLOW;
  return word;
}

const hex4 = (n: number): string => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

function statusText(word: number): string {
  const validity = ['good', 'invalid', 'reserved', 'questionable'][word & 3];
  const bits = [
    [1 << 2, 'stale'],
    [1 << 3, 'disconnected'],
    [STATUS_TEST, 'test'],
    [STATUS_SUBSTITUTED, 'substituted'],
    [STATUS_OVERFLOW, 'overflow'],
    [1 << 7, 'never'],
    [1 << 8, 'error'],
  ] as const;
  const set = bits.filter(([b]) => (word & b) !== 0).map(([, n]) => n);
  return `${hex4(word)} (${[validity, ...set].join(', ')})`;
}

function timeText(seconds: number, millis: number): string {
  if (seconds === 0 && millis === 0) return '0, 0 (no device time)';
  return new Date(seconds * 1000 + millis).toISOString();
}

function expectedCompanion(c: MappedCompanion, e: Expectation, value: ExpectedValue, ctx: ModbusCheckContext, p: MappedPoint): string {
  switch (c.kind) {
    case 'status':
      return statusText(expectedStatus(e, value));
    case 'quality':
      return e.quality === null ? `${hex4(QUALITY_NONE)} (no quality)` : hex4(e.quality & 0x1fff);
    case 'timestamp':
      return e.time === null ? '0, 0 (no device time)' : `${new Date(e.time).toISOString()} (seconds in ${p.modbus.wordOrder})`;
    case 'age':
      return `at most ${Math.ceil(ctx.elapsedMs / 1000) + 1} s`;
    case 'sequence':
      return ctx.sequenceBefore === null ? 'a change counter' : `changed from ${ctx.sequenceBefore}`;
  }
}

function checkCompanion(
  c: MappedCompanion,
  words: readonly number[],
  e: Expectation,
  value: ExpectedValue,
  ctx: ModbusCheckContext,
  p: MappedPoint,
): { expected: string; read: string } | null {
  const expected = expectedCompanion(c, e, value, ctx, p);
  const w0 = words[0] ?? 0;
  switch (c.kind) {
    case 'status':
      return w0 === expectedStatus(e, value) ? null : { expected, read: statusText(w0) };
    case 'quality':
      return w0 === (e.quality === null ? QUALITY_NONE : e.quality & 0x1fff) ? null : { expected, read: hex4(w0) };
    case 'timestamp': {
      const seconds = decodeRegisters(words.slice(0, 2), 'uint32', p.modbus.wordOrder);
      const millis = words[2] ?? 0;
      const want = e.time === null ? { s: 0, ms: 0 } : { s: Math.floor(e.time / 1000), ms: e.time % 1000 };
      return seconds === want.s && millis === want.ms ? null : { expected, read: `${timeText(seconds, millis)} (${hexWords(words)})` };
    }
    case 'age':
      return w0 <= Math.ceil(ctx.elapsedMs / 1000) + 1 ? null : { expected, read: `${w0} s` };
    case 'sequence':
      return ctx.sequenceBefore === null || w0 !== ctx.sequenceBefore ? null : { expected, read: String(w0) };
  }
}
