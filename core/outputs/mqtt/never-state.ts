import { neverPointState, type PointConfig, type PointState } from '../../contract';
import { pointKey } from './topic-map';

/**
 * The state of a configured point before the cache has told anything about it: status `never`, every
 * fact unknown. A Sparkplug BIRTH must name every metric, including those without a value yet.
 */
export function neverState(p: Pick<PointConfig, 'id' | 'ied' | 'ref' | 'fc' | 'type'>): PointState {
  return neverPointState({ key: pointKey(p.ied, p.id), ied: p.ied, point: p.id, ref: p.ref, fc: p.fc, type: p.type });
}
