import { describe, expect, it } from 'vitest';
import type { MqttRecentMessage } from '../../../../core/contract';
import { mergeRecent, topicMatches } from './mqtt-messages';

const msg = (n: number, topic = `relaygate/FDR1/p${n}/value`): MqttRecentMessage => ({
  time: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  topic,
  payload: String(n),
  truncated: false,
  bytes: String(n).length,
  qos: 0,
  retain: true,
});

describe('the MQTT page’s message list', () => {
  it('adds only what is newer than what it keeps, newest first', () => {
    const first = mergeRecent([], [msg(1), msg(2), msg(3)]);
    expect(first.map((m) => m.payload)).toEqual(['3', '2', '1']);
    // The publisher's next list overlaps the last one (its last 100): 2 and 3 are not added again.
    const next = mergeRecent(first, [msg(2), msg(3), msg(4), msg(5)]);
    expect(next.map((m) => m.payload)).toEqual(['5', '4', '3', '2', '1']);
    expect(mergeRecent(next, [msg(4), msg(5)])).toBe(next);
  });

  it('keeps two messages of the same millisecond on different topics', () => {
    const a = msg(1, 'relaygate/FDR1/a/value');
    const b = { ...msg(1, 'relaygate/FDR1/b/value') };
    expect(mergeRecent([a], [a, b]).map((m) => m.topic)).toEqual(['relaygate/FDR1/b/value', 'relaygate/FDR1/a/value']);
  });

  it('keeps at most the bound, dropping the oldest', () => {
    const many = Array.from({ length: 30 }, (_, i) => msg(i));
    const kept = mergeRecent([], many, 10);
    expect(kept).toHaveLength(10);
    expect(kept[0]?.payload).toBe('29');
    expect(kept[9]?.payload).toBe('20');
  });
});

describe('the topic filter', () => {
  it('matches words anywhere, ignoring case', () => {
    expect(topicMatches('', 'relaygate/status')).toBe(true);
    expect(topicMatches('q0xcbr1 value', 'relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/value')).toBe(true);
    expect(topicMatches('q0xcbr1 state', 'relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/value')).toBe(false);
  });

  it('takes MQTT wildcards as a topic filter: + one level, # the rest', () => {
    expect(topicMatches('relaygate/+/status', 'relaygate/FDR1/status')).toBe(true);
    expect(topicMatches('relaygate/+/status', 'relaygate/status')).toBe(false);
    expect(topicMatches('relaygate/+/status', 'relaygate/FDR1/x/status')).toBe(false);
    expect(topicMatches('relaygate/FDR1/#', 'relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/state')).toBe(true);
    expect(topicMatches('relaygate/FDR1/#', 'relaygate/FDR2/x')).toBe(false);
    expect(topicMatches('#', 'anything/at/all')).toBe(true);
    // `#` only at the end is a valid filter; elsewhere it matches nothing.
    expect(topicMatches('relaygate/#/value', 'relaygate/FDR1/p/value')).toBe(false);
  });
});
