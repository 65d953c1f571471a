import type { UMetric, UPropertyValue, TypeStr } from 'sparkplug-payload/lib/sparkplugbpayload';
import type { PointState } from '../../contract';
import type { TypeName } from '../../iec61850';

/**
 * One point as a Sparkplug B metric (docs/MQTT.md "Sparkplug B"). The metric is named by the point id,
 * carries the alias given at BIRTH, the device timestamp, and the quality as properties:
 *
 * - `Quality` (Int32): the Ignition 8 quality code hosts such as Ignition read: 192 Good, Uncertain
 *   (0x40000100), Bad (0x80000200), Bad_Stale (0x800001F4) for stale and disconnected points;
 * - `iecValidity` (String), `iecQuality` (Int32, the 13 raw bits), `status` (String, the gateway status),
 *   `test` (Boolean): the same facts as the JSON state, without loss;
 * - `timeSource` (String): `device` when the timestamp is the IED's `t`, `gateway` when the device sent
 *   none and the gateway's receive time stands in, `none` before the first value;
 * - BIRTH only: `ref`, `fc`, `iecType` (String).
 */

const TYPES: Record<TypeName, TypeStr> = {
  boolean: 'Boolean',
  int8: 'Int8',
  int16: 'Int16',
  int32: 'Int32',
  int64: 'Int64',
  uint8: 'UInt8',
  uint16: 'UInt16',
  uint32: 'UInt32',
  float32: 'Float',
  float64: 'Double',
  // dbpos and enums carry their name (`closed`, `test/blocked`), as the JSON /value does.
  dbpos: 'String',
  enum: 'String',
  quality: 'String',
  timestamp: 'DateTime',
  bitstring: 'String',
  octetstring: 'String',
  visiblestring: 'String',
  unicodestring: 'String',
  struct: 'String',
  array: 'String',
};

export function sparkplugType(type: TypeName): TypeStr {
  return TYPES[type];
}

export const QUALITY_GOOD = 192;
export const QUALITY_UNCERTAIN = 0x40000100;
/** Int32 views of 0x80000200 and 0x800001F4 (the Bad level is the sign bit). */
export const QUALITY_BAD = 0x80000200 | 0;
export const QUALITY_STALE = 0x800001f4 | 0;

export function qualityCode(s: Pick<PointState, 'status' | 'quality'>): number {
  if (s.status === 'stale' || s.status === 'disconnected') return QUALITY_STALE;
  if (s.status !== 'ok') return QUALITY_BAD;
  const validity = s.quality?.validity ?? 'good';
  if (validity === 'good') return QUALITY_GOOD;
  if (validity === 'questionable' || validity === 'unknown') return QUALITY_UNCERTAIN;
  return QUALITY_BAD;
}

/** The metric's value in its Sparkplug type; null when unknown or not representable. */
export function sparkplugValue(s: Pick<PointState, 'type' | 'value' | 'numeric'>): UMetric['value'] {
  const v = s.value;
  if (v === null) return null;
  switch (TYPES[s.type]) {
    case 'Boolean':
      return typeof v === 'boolean' ? v : s.numeric === null ? null : s.numeric !== 0;
    case 'String':
      return String(v);
    case 'DateTime': {
      const ms = typeof v === 'number' ? v : typeof v === 'string' ? Date.parse(v) : NaN;
      return Number.isFinite(ms) ? ms : null;
    }
    case 'Int64':
      // A 64-bit value beyond 2^53 travels as text in PointState; protobufjs reads the decimal string.
      return typeof v === 'string' && /^-?\d+$/.test(v) ? v : (s.numeric ?? null);
    default:
      return s.numeric;
  }
}

function prop(type: TypeStr, value: UPropertyValue['value']): UPropertyValue {
  return { type, value };
}

/** Milliseconds since the epoch for the metric, and where they come from. */
export function metricTime(
  s: Pick<PointState, 'deviceTime' | 'localTime'>,
  fallback: number,
): { ms: number; source: string } {
  if (s.deviceTime !== null) {
    const ms = Date.parse(s.deviceTime);
    if (Number.isFinite(ms)) return { ms, source: 'device' };
  }
  if (s.localTime !== null) return { ms: s.localTime, source: 'gateway' };
  return { ms: fallback, source: 'none' };
}

export function qualityProperties(s: PointState, timeSource: string): Record<string, UPropertyValue> {
  const props: Record<string, UPropertyValue> = {
    Quality: prop('Int32', qualityCode(s)),
    iecValidity: prop('String', s.quality?.validity ?? 'unknown'),
    iecQuality: prop('Int32', s.quality?.raw ?? null),
    status: prop('String', s.status),
    test: prop('Boolean', s.test),
    timeSource: prop('String', timeSource),
  };
  return props;
}

/**
 * The metric of a point. In a BIRTH it has the name, the alias, the type and the descriptive properties;
 * in a DATA message the alias only (Sparkplug: DATA names a metric by alias when BIRTH gave one).
 */
export function pointMetric(s: PointState, alias: number, birth: boolean, now: number): UMetric {
  const time = metricTime(s, now);
  const properties = qualityProperties(s, time.source);
  const metric: UMetric = {
    alias,
    type: TYPES[s.type],
    value: sparkplugValue(s),
    timestamp: time.ms,
    properties,
  };
  if (birth) {
    metric.name = s.point;
    properties.ref = prop('String', s.ref);
    properties.fc = prop('String', s.fc);
    properties.iecType = prop('String', s.type);
  }
  return metric;
}
