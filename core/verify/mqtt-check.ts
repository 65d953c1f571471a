import type { PointConfig, VerifyFailure } from '../contract';
import { hasTestBit, validityOf, type Expectation } from './expectation';
import type { Driven } from './drive-values';

/** The last message a subscriber received on a topic since the step's change, with when it arrived. */
export interface Seen {
  readonly text: string;
  readonly at: number;
}

export interface MqttCheckContext {
  /** `seq` of the last /state before this step; null when none was seen. */
  readonly seqBefore: number | null;
}

export interface MqttCheck {
  readonly checks: number;
  readonly failures: VerifyFailure[];
  /** `seq` of the /state read; null when none. */
  readonly seq: number | null;
}

/** Whether a value read back (parsed from text or JSON) is the one expected, type by type. */
function sameValue(type: PointConfig['type'], expected: Driven, read: unknown): boolean {
  if (typeof expected === 'number') {
    const n = typeof read === 'number' ? read : typeof read === 'string' && read.trim() !== '' ? Number(read) : NaN;
    return type === 'float32' ? Math.fround(n) === Math.fround(expected) : n === expected;
  }
  if (typeof expected === 'boolean') return read === expected || read === String(expected);
  return read === expected;
}

/**
 * Checks a point's `/value` (the plain scalar) and `/state` (the JSON of docs/MQTT.md) against what the
 * step should show: value, type, status ok, quality bits and validity, test, device time, a new seq,
 * reference and FC.
 */
export function checkMqtt(config: PointConfig, topics: { value: string; state: string }, e: Expectation, seen: { value: Seen | null; state: Seen | null }, ctx: MqttCheckContext): MqttCheck {
  const failures: VerifyFailure[] = [];
  const expected = e.shown;
  const fail = (item: string, where: string, want: string, got: string): void => {
    failures.push({ step: e.step, output: 'mqtt', item, where, expected: want, read: got });
  };
  if (seen.value === null) fail('/value', topics.value, String(expected), 'nothing published since the change');
  else if (!sameValue(config.type, expected, seen.value.text)) fail('/value', topics.value, String(expected), seen.value.text);
  let seq: number | null = null;
  if (seen.state === null) fail('/state', topics.state, stateWanted(e, expected).join(', '), 'nothing published since the change');
  else {
    const parsed = parseState(seen.state.text);
    if (typeof parsed === 'string') fail('/state', topics.state, 'the JSON state of docs/MQTT.md', parsed);
    else {
      seq = typeof parsed.seq === 'number' ? parsed.seq : null;
      const wrong = stateFields(config, e, expected, ctx).filter((f) => !f.ok(parsed));
      if (wrong.length > 0)
        fail('/state', topics.state, wrong.map((f) => `${f.name} ${f.want}`).join(', '), wrong.map((f) => `${f.name} ${JSON.stringify(f.got(parsed))}`).join(', '));
    }
  }
  return { checks: 2, failures, seq };
}

type State = Record<string, unknown>;

function parseState(text: string): State | string {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as State) : `not a JSON object: ${text.slice(0, 80)}`;
  } catch {
    return `not JSON: ${text.slice(0, 80)}`;
  }
}

interface Field {
  readonly name: string;
  readonly want: string;
  readonly ok: (s: State) => boolean;
  readonly got: (s: State) => unknown;
}

const quality = (s: State): Record<string, unknown> | null =>
  typeof s.quality === 'object' && s.quality !== null ? (s.quality as Record<string, unknown>) : null;

function stateFields(config: PointConfig, e: Expectation, expected: Driven, ctx: MqttCheckContext): Field[] {
  const iso = e.time === null ? null : new Date(e.time).toISOString();
  const fields: Field[] = [
    { name: 'value', want: JSON.stringify(expected), ok: (s) => sameValue(config.type, expected, s.value), got: (s) => s.value },
    { name: 'type', want: config.type, ok: (s) => s.type === config.type, got: (s) => s.type },
    { name: 'status', want: 'ok', ok: (s) => s.status === 'ok', got: (s) => s.status },
    { name: 'test', want: String(e.test), ok: (s) => s.test === e.test, got: (s) => s.test },
    { name: 'deviceTime', want: String(iso), ok: (s) => s.deviceTime === iso, got: (s) => s.deviceTime },
    { name: 'ref', want: config.ref, ok: (s) => s.ref === config.ref, got: (s) => s.ref },
    { name: 'fc', want: config.fc, ok: (s) => s.fc === config.fc, got: (s) => s.fc },
  ];
  if (e.quality === null) fields.push({ name: 'quality', want: 'null', ok: (s) => s.quality === null, got: (s) => s.quality });
  else {
    const raw = e.quality;
    fields.push(
      { name: 'quality.raw', want: String(raw), ok: (s) => quality(s)?.raw === raw, got: (s) => quality(s)?.raw },
      { name: 'quality.validity', want: String(validityOf(raw)), ok: (s) => quality(s)?.validity === validityOf(raw), got: (s) => quality(s)?.validity },
      {
        name: 'quality.flags test',
        want: hasTestBit(raw) ? 'present' : 'absent',
        ok: (s) => {
          const flags = quality(s)?.flags;
          return Array.isArray(flags) && flags.includes('test') === hasTestBit(raw);
        },
        got: (s) => quality(s)?.flags,
      },
    );
  }
  const before = ctx.seqBefore;
  if (before !== null) fields.push({ name: 'seq', want: `changed from ${before}`, ok: (s) => typeof s.seq === 'number' && s.seq !== before, got: (s) => s.seq });
  return fields;
}

function stateWanted(e: Expectation, expected: Driven): string[] {
  return [`value ${JSON.stringify(expected)}`, `quality.raw ${String(e.quality)}`, `test ${e.test}`, 'status ok'];
}
