import { describe, expect, it } from 'vitest';
import { addLine, doneLine, replayJournal, type OutboxEntry } from './outbox-journal';

const e = (id: number, payload = `p${id}`): OutboxEntry => ({
  id,
  topic: `rg/I/trip/state`,
  payload,
  qos: 1,
  retain: true,
});

describe('outbox journal', () => {
  it('replays the entries still owed, in order', () => {
    const text = addLine(e(1)) + addLine(e(2)) + doneLine(1) + addLine(e(3, 'a "quoted"\nline'));
    expect(replayJournal(text)).toEqual({
      entries: [e(2), e(3, 'a "quoted"\nline')],
      nextId: 4,
      skipped: 0,
      lines: 4,
    });
  });

  it('skips a torn last line and garbage, and never reuses an id', () => {
    const text =
      addLine(e(1)) +
      doneLine(7) +
      'not json\n' +
      '{"add":0,"topic":"t","payload":"","qos":1,"retain":true}\n' +
      addLine(e(2)).slice(0, 20);
    const r = replayJournal(text);
    expect(r.entries).toEqual([e(1)]);
    expect(r.skipped).toBe(3);
    expect(r.nextId).toBe(8);
  });

  it('refuses entries with a QoS outside 1 and 2', () => {
    expect(replayJournal('{"add":1,"topic":"t","payload":"","qos":0,"retain":true}\n').entries).toEqual([]);
  });

  it('starts empty', () => {
    expect(replayJournal('')).toEqual({ entries: [], nextId: 1, skipped: 0, lines: 0 });
  });
});
