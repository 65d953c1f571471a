import type { PointCache } from '../cache';
import type { IedConnectionState, PointBatch, PointState } from '../contract';

/**
 * What the runtime drives an output through: the Modbus image, the MQTT publisher, the service's event
 * stream. Every output reads the same cache through change batches; none is ever called per value, and
 * none can stall the runtime (apply is synchronous, and an output that throws is logged, not fatal).
 */
export interface PointSink {
  readonly name: string;
  /** Called once before the IEDs connect, with every point (all `never`). */
  start?(initial: readonly PointState[]): Promise<void>;
  /** The points that changed since the last batch, each once with its whole state. */
  apply(batch: PointBatch): void;
  /** An IED's association state changed (MQTT publishes `{root}/{ied}/status`). */
  iedState?(ied: string, state: IedConnectionState): void;
  /**
   * Called every runtime tick, for what depends on time alone. `cache` lets an output read what batches
   * do not carry: a poll that confirms an unchanged value is no change, but it does refresh the point's
   * local time (the Modbus age register counts from it).
   */
  tick?(now: number, cache: PointCache): void;
  stop?(): Promise<void>;
}
