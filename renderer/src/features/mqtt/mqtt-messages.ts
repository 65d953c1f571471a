import type { MqttRecentMessage } from '../../../../core/contract';

/** At most this many messages are kept on the page (the publisher's own list holds its last 100). */
export const KEPT_MESSAGES = 1000;

const key = (m: MqttRecentMessage) => `${m.time}\u0000${m.topic}\u0000${m.payload}`;

/**
 * The page's message list after a status arrived: the publisher sends its last 100 messages each time,
 * so the new ones are those after the newest already kept (the lists overlap). Newest first, at most
 * `max`. A publisher restarted (its list no longer overlaps) simply adds its messages on top.
 */
export function mergeRecent(kept: readonly MqttRecentMessage[], recent: readonly MqttRecentMessage[], max = KEPT_MESSAGES): MqttRecentMessage[] {
  const newest = kept[0];
  let start = 0;
  if (newest) {
    const seen = new Set(kept.slice(0, recent.length + 1).map(key));
    // `recent` is oldest first: skip up to the last message already kept.
    for (let i = recent.length - 1; i >= 0; i--) {
      const m = recent[i] as MqttRecentMessage;
      if (seen.has(key(m))) {
        start = i + 1;
        break;
      }
    }
  }
  const added = recent.slice(start).reverse();
  if (added.length === 0) return kept as MqttRecentMessage[];
  return [...added, ...kept].slice(0, max);
}

/**
 * Whether a topic passes the page's filter: an MQTT topic filter when it has a wildcard (`+` one
 * level, `#` the rest: `relaygate/+/status`, `relaygate/FDR1/#`), otherwise the words it holds, each
 * anywhere in the topic, ignoring case (`q0xcbr1 value`).
 */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.trim();
  if (f === '') return true;
  if (/[+#]/.test(f)) return mqttMatch(f.split('/'), topic.split('/'));
  const t = topic.toLowerCase();
  return f
    .toLowerCase()
    .split(/\s+/)
    .every((w) => t.includes(w));
}

function mqttMatch(filter: readonly string[], topic: readonly string[]): boolean {
  for (let i = 0; i < filter.length; i++) {
    const f = filter[i];
    if (f === '#') return i === filter.length - 1;
    if (i >= topic.length) return false;
    if (f !== '+' && f !== topic[i]) return false;
  }
  return filter.length === topic.length;
}
