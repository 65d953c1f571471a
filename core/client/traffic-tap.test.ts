import { describe, expect, it } from 'vitest';
import { TrafficTap } from './traffic-tap';

describe('TrafficTap', () => {
  it('keeps the newest records within its capacity and counts the dropped ones', () => {
    const tap = new TrafficTap({ capacity: 2 });
    tap.record('sent', Uint8Array.of(1), () => 'one');
    tap.record('received', Uint8Array.of(2), () => 'two');
    tap.record('sent', Uint8Array.of(3), () => 'three');
    expect(tap.since().map((r) => [r.seq, r.direction, r.summary, [...r.bytes]])).toEqual([
      [2, 'received', 'two', [2]],
      [3, 'sent', 'three', [3]],
    ]);
    expect(tap.dropped).toBe(1);
    expect(tap.since(2).map((r) => r.seq)).toEqual([3]);
  });

  it('truncates long PDUs, copies the bytes and survives a throwing summariser', () => {
    const tap = new TrafficTap({ maxBytesPerRecord: 4 });
    const pdu = Uint8Array.of(9, 8, 7, 6, 5, 4);
    const record = tap.record('received', pdu, () => {
      throw new Error('bad tag 0x9f at offset 3');
    });
    pdu[0] = 0;
    expect([...record.bytes]).toEqual([9, 8, 7, 6]);
    expect(record.summary).toBe('undecodable PDU: bad tag 0x9f at offset 3');
  });

  it('notifies listeners until they unsubscribe', () => {
    const tap = new TrafficTap();
    const seen: string[] = [];
    const off = tap.onRecord((r) => seen.push(r.summary));
    tap.record('sent', new Uint8Array(0), () => 'a');
    off();
    tap.record('sent', new Uint8Array(0), () => 'b');
    expect(seen).toEqual(['a']);
  });
});
