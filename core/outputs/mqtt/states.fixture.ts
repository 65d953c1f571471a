import type { PointQuality, PointState } from '../../contract';
import { neverState } from './never-state';

/** Point states for the unit tests beside this file; the publisher never imports it. */
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
/** The gateway received it 25 ms after the device time. */
export const LOCAL_TIME = Date.parse(DEVICE_TIME) + 25;

/** A good, ok state of point `IED1/{id}` (`LD0/GGIO1.AnIn1.mag.f` [MX]) as the cache would emit it. */
export function okState(
  type: PointState['type'],
  value: PointState['value'],
  numeric: number | null,
  extra: Partial<PointState> = {},
  id = 'p',
): PointState {
  return {
    ...neverState({ id, ied: 'IED1', ref: 'LD0/GGIO1.AnIn1.mag.f', fc: 'MX', type }),
    value,
    numeric,
    quality: GOOD,
    deviceTime: DEVICE_TIME,
    localTime: LOCAL_TIME,
    seq: 1,
    source: 'report',
    status: 'ok',
    ...extra,
  };
}
