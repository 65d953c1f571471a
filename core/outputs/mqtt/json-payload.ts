import type { PointQuality, PointState } from '../../contract';

/**
 * The two payloads of a point in JSON mode (CONVENTIONS.md "MQTT"):
 *
 *   {root}/{ied}/{point}/value  `true`, `12.5`, `closed`; `null` when the value is unknown (an empty
 *                               payload would delete the retained message instead)
 *   {root}/{ied}/{point}/state  {"value":…, "type":…, "quality":{"validity","flags","raw"}|null,
 *                                "status":…, "deviceTime":…|null, "localTime":…|null, "seq":…,
 *                                "ref":…, "fc":…, "source":…|null, "test":…, "reason":…|null}
 *
 * `test` and `reason` follow the convention's keys (docs/MQTT.md): the point is in test (quality test
 * bit or its LN's Beh), and why the status is not ok. Numbers that JSON cannot carry (NaN, ±Infinity)
 * are sent as the strings `NaN`, `Infinity`, `-Infinity`.
 */

/** The shortest decimal that reads back as the same float32 (0.1f is `0.1`, not `0.10000000149011612`). */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let digits = 1; digits <= 9; digits++) {
    const text = Number(f.toPrecision(digits));
    if (Math.fround(text) === f) return String(text);
  }
  return String(f);
}

function numberText(v: number, type: PointState['type']): string {
  return type === 'float32' ? float32Text(v) : String(v);
}

/** The `/value` payload. */
export function valueText(s: Pick<PointState, 'value' | 'type'>): string {
  const v = s.value;
  if (v === null) return 'null';
  if (typeof v === 'number') return numberText(v, s.type);
  return String(v);
}

/** The value as a JSON fragment: numbers kept as numbers (float32 shortest), non-finite as strings. */
function valueJson(s: Pick<PointState, 'value' | 'type'>): string {
  const v = s.value;
  if (typeof v === 'number') return Number.isFinite(v) ? numberText(v, s.type) : JSON.stringify(String(v));
  return JSON.stringify(v);
}

/** Flags shown with the validity: the detail-quality flags set, then substituted, test, operatorBlocked. */
export function qualityFlags(q: PointQuality): string[] {
  const flags = [...q.flags];
  if (q.source === 'substituted') flags.push('substituted');
  if (q.test === true) flags.push('test');
  if (q.operatorBlocked === true) flags.push('operatorBlocked');
  return flags;
}

function qualityJson(q: PointQuality | null): string {
  if (q === null) return 'null';
  return `{"validity":${JSON.stringify(q.validity)},"flags":${JSON.stringify(qualityFlags(q))},"raw":${q.raw}}`;
}

/** The `/state` payload, keys in the CONVENTIONS.md order. */
export function stateJson(s: PointState): string {
  const localTime = s.localTime === null ? null : new Date(s.localTime).toISOString();
  return (
    `{"value":${valueJson(s)},"type":${JSON.stringify(s.type)},"quality":${qualityJson(s.quality)},` +
    `"status":${JSON.stringify(s.status)},"deviceTime":${JSON.stringify(s.deviceTime)},` +
    `"localTime":${JSON.stringify(localTime)},"seq":${s.seq},"ref":${JSON.stringify(s.ref)},` +
    `"fc":${JSON.stringify(s.fc)},"source":${JSON.stringify(s.source)},"test":${s.test},` +
    `"reason":${JSON.stringify(s.reason)}}`
  );
}
