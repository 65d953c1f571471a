import type { TrafficRecordDto } from '../contract';
import type { TrafficRecord } from '../client';
import { decodeCapturedPdu } from '../inspect';
import { toHex } from '../shared';

/**
 * A tap record as the Diagnostics view gets it: the frame (or PDU) in hex and its decoded tree, made
 * here with the project's codecs so the renderer decodes nothing itself.
 */
export function trafficRecordDto(r: TrafficRecord): TrafficRecordDto {
  const decoded = decodeCapturedPdu(r);
  return {
    seq: r.seq,
    direction: r.direction,
    time: new Date(r.time).toISOString(),
    summary: r.summary,
    ...(decoded.invokeId !== undefined ? { invokeId: decoded.invokeId } : {}),
    hex: toHex(decoded.shown),
    framed: r.frame !== undefined,
    length: r.length,
    ...(r.problem !== undefined ? { problem: r.problem } : {}),
    tree: decoded.tree,
  };
}
