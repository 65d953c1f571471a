import {
  MqttSettingsSchema,
  PointConfigSchema,
  type MqttSettings,
  type PointBatch,
  type PointConfig,
  type PointQuality,
  type PointState,
} from '../../contract';
import { neverState, type MqttPublisher } from '../../outputs';

/**
 * Points and change batches for MQTT tests: one point of every type the outputs carry, with the value
 * the cache would hand over (display value and numeric form), built as the runtime cache emits them.
 */
type TypeName = PointState['type'];

export interface Sample {
  id: string;
  type: TypeName;
  ref: string;
  fc: 'ST' | 'MX';
  value: PointState['value'];
  numeric: number | null;
  /** The expected `/value` payload. */
  text: string;
}

export const SAMPLES: Sample[] = [
  {
    id: 'trip',
    type: 'boolean',
    ref: 'LD0/PTRC1.Tr.general',
    fc: 'ST',
    value: true,
    numeric: 1,
    text: 'true',
  },
  { id: 'i8', type: 'int8', ref: 'LD0/GGIO1.ISCSO1.stVal', fc: 'ST', value: -8, numeric: -8, text: '-8' },
  {
    id: 'i16',
    type: 'int16',
    ref: 'LD0/GGIO1.ISCSO2.stVal',
    fc: 'ST',
    value: -1600,
    numeric: -1600,
    text: '-1600',
  },
  {
    id: 'i32',
    type: 'int32',
    ref: 'LD0/GGIO1.ISCSO3.stVal',
    fc: 'ST',
    value: -320000,
    numeric: -320000,
    text: '-320000',
  },
  {
    id: 'i64',
    type: 'int64',
    ref: 'LD0/MMTR1.TotWh.actVal',
    fc: 'ST',
    value: 6400000000,
    numeric: 6400000000,
    text: '6400000000',
  },
  {
    id: 'u8',
    type: 'uint8',
    ref: 'LD0/GGIO1.UIntIn1.stVal',
    fc: 'ST',
    value: 200,
    numeric: 200,
    text: '200',
  },
  {
    id: 'u16',
    type: 'uint16',
    ref: 'LD0/GGIO1.UIntIn2.stVal',
    fc: 'ST',
    value: 65000,
    numeric: 65000,
    text: '65000',
  },
  {
    id: 'u32',
    type: 'uint32',
    ref: 'LD0/GGIO1.UIntIn3.stVal',
    fc: 'ST',
    value: 70000,
    numeric: 70000,
    text: '70000',
  },
  {
    id: 'amps',
    type: 'float32',
    ref: 'LD0/MMXU1.A.phsA.cVal.mag.f',
    fc: 'MX',
    value: Math.fround(412.7),
    numeric: Math.fround(412.7),
    text: '412.7',
  },
  {
    id: 'hz',
    type: 'float64',
    ref: 'LD0/MMXU1.Hz.mag.f',
    fc: 'MX',
    value: 49.98,
    numeric: 49.98,
    text: '49.98',
  },
  {
    id: 'pos',
    type: 'dbpos',
    ref: 'LD0/XCBR1.Pos.stVal',
    fc: 'ST',
    value: 'closed',
    numeric: 2,
    text: 'closed',
  },
  { id: 'beh', type: 'enum', ref: 'LD0/LLN0.Beh.stVal', fc: 'ST', value: 'on', numeric: 1, text: 'on' },
  { id: 'q', type: 'quality', ref: 'LD0/XCBR1.Pos.q', fc: 'ST', value: 'good', numeric: 0, text: 'good' },
  {
    id: 't',
    type: 'timestamp',
    ref: 'LD0/XCBR1.Pos.t',
    fc: 'ST',
    value: '2026-01-01T00:00:00.123Z',
    numeric: null,
    text: '2026-01-01T00:00:00.123Z',
  },
  {
    id: 'bits',
    type: 'bitstring',
    ref: 'LD0/XCBR1.BlkOpn.stVal',
    fc: 'ST',
    value: '0110',
    numeric: null,
    text: '0110',
  },
  {
    id: 'oct',
    type: 'octetstring',
    ref: 'LD0/LPHD1.PhyNam.serNum',
    fc: 'ST',
    value: '0a1b',
    numeric: null,
    text: '0a1b',
  },
  {
    id: 'vis',
    type: 'visiblestring',
    ref: 'LD0/LPHD1.PhyNam.vendor',
    fc: 'ST',
    value: 'ACME',
    numeric: null,
    text: 'ACME',
  },
  {
    id: 'uni',
    type: 'unicodestring',
    ref: 'LD0/LLN0.NamPlt.d',
    fc: 'ST',
    value: 'Abgang Süd',
    numeric: null,
    text: 'Abgang Süd',
  },
  {
    id: 'st',
    type: 'struct',
    ref: 'LD0/MMXU1.A.phsA.cVal',
    fc: 'MX',
    value: '{"mag":1}',
    numeric: null,
    text: '{"mag":1}',
  },
  {
    id: 'arr',
    type: 'array',
    ref: 'LD0/MHAI1.HA.phsAHar',
    fc: 'MX',
    value: '[1,2]',
    numeric: null,
    text: '[1,2]',
  },
];

export const GOOD: PointQuality = {
  validity: 'good',
  flags: [],
  source: 'process',
  test: false,
  operatorBlocked: false,
  raw: 0,
  text: 'good',
};
export const DEVICE_TIME = '2026-01-01T00:00:00.123Z';

export function pointConfig(
  ied: string,
  s: Pick<Sample, 'id' | 'type' | 'ref' | 'fc'>,
  extra: Partial<PointConfig> = {},
): PointConfig {
  return PointConfigSchema.parse({
    id: s.id,
    ied,
    ref: s.ref,
    fc: s.fc,
    type: s.type,
    source: 'report',
    ...extra,
  });
}

export function samplePoints(ied: string): PointConfig[] {
  return SAMPLES.map((s) => pointConfig(ied, s));
}

export function settings(over: Partial<MqttSettings> & { url: string }): MqttSettings {
  return MqttSettingsSchema.parse({ ...over });
}

/** A good, ok state of a point, as the cache would emit it. */
export function okState(
  p: PointConfig,
  value: PointState['value'],
  numeric: number | null,
  extra: Partial<PointState> = {},
): PointState {
  return {
    ...neverState(p),
    value,
    numeric,
    quality: GOOD,
    deviceTime: DEVICE_TIME,
    localTime: Date.parse(DEVICE_TIME) + 25,
    seq: 1,
    source: 'report',
    status: 'ok',
    ...extra,
  };
}

let batchNo = 0;
export function batch(changes: PointState[]): PointBatch {
  return { batch: batchNo++, changes };
}

/** `n` float32 points on one IED, for scale tests and the benchmark. */
export function analogPoints(ied: string, n: number): PointConfig[] {
  return Array.from({ length: n }, (_, i) =>
    pointConfig(ied, {
      id: `p${i}`,
      type: 'float32',
      ref: `LD0/GGIO${1 + (i % 99)}.AnIn${i}.mag.f`,
      fc: 'MX',
    }),
  );
}

/** Resolves when the publisher is connected (now or later). */
export function whenConnected(p: MqttPublisher, timeoutMs = 15_000): Promise<void> {
  if (p.status().connection === 'connected') return Promise.resolve();
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      off();
      fail(new Error(`the publisher did not connect within ${timeoutMs} ms: ${p.status().lastError}`));
    }, timeoutMs);
    const off = p.on('connection', (state) => {
      if (state !== 'connected') return;
      clearTimeout(timer);
      off();
      ok();
    });
  });
}

/** Test-friendly publisher options: no root probe, quick reconnects. */
export const FAST = {
  probeTimeoutMs: 0,
  backoff: { minMs: 100, maxMs: 500 },
  connectTimeoutMs: 5000,
} as const;
