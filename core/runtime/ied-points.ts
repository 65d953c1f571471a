import type { PointCache } from '../cache';
import type { IedConfig, PointConfig } from '../contract';
import { parseObjectReference, standardEnumNames, type EnumNames } from '../iec61850';
import type { PointTarget } from './binding';
import { leafDecoder } from './leaf-decoder';

/** A project point of one IED: its configuration and how the runtime reads it. */
export interface IedPoint {
  readonly config: PointConfig;
  readonly target: PointTarget;
}

function enumNamesOf(config: PointConfig, doName: string | undefined): EnumNames | undefined {
  if (config.enumNames) return new Map(Object.entries(config.enumNames).map(([k, v]) => [Number(k), v]));
  return doName === undefined ? undefined : standardEnumNames(doName);
}

/** The points of one IED, each with its cache index and a decoder compiled for its type. */
export function iedPoints(ied: IedConfig, points: readonly PointConfig[], cache: PointCache): IedPoint[] {
  return points
    .filter((p) => p.ied === ied.id)
    .map((config) => {
      const ref = parseObjectReference(config.ref);
      const key = `${config.ied}/${config.id}`;
      return {
        config,
        target: {
          index: cache.indexOf(key),
          key,
          id: config.id,
          ld: ref.ld,
          ln: ref.ln,
          fc: config.fc,
          path: ref.path,
          decode: leafDecoder(config.type, enumNamesOf(config, ref.path[0])),
        },
      };
    });
}
