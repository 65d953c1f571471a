import { useMemo, useState } from 'react';
import type { MqttRecentMessage } from '../../../../core/contract';
import { formatLogTime } from '../../format';
import { KEPT_MESSAGES, topicMatches } from './mqtt-messages';

/** Rows drawn at most: the list is filtered from up to KEPT_MESSAGES, newest first. */
const SHOWN = 300;

/** The last published messages, newest first, with a topic filter (words, or an MQTT filter with + and #). */
export function MqttMessages({ messages, onClear }: { messages: readonly MqttRecentMessage[]; onClear: () => void }) {
  const [filter, setFilter] = useState('');
  const matching = useMemo(() => messages.filter((m) => topicMatches(filter, m.topic)), [messages, filter]);
  const shown = matching.slice(0, SHOWN);
  return (
    <section className="panel" aria-label="MQTT messages">
      <h2>Last messages</h2>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label="Filter by topic"
          placeholder="Topic words, or a filter such as relaygate/+/status"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        <span className="muted" data-testid="mqtt-message-count">
          {matching.length} of {messages.length} messages
        </span>
        <button type="button" onClick={onClear} disabled={messages.length === 0}>
          Clear
        </button>
      </div>
      <div className="table-scroll">
        <table className="grid" aria-label="Published messages">
          <thead>
            <tr>
              <th>Time</th>
              <th>Topic</th>
              <th>Payload</th>
              <th className="num">QoS</th>
              <th>Retain</th>
              <th className="num">Bytes</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((m) => (
              <tr key={`${m.time}|${m.topic}|${m.payload}`}>
                <td className="mono">{formatLogTime(m.time)}</td>
                <td className="mono">{m.topic}</td>
                <td className="mono" title={m.truncated ? `${m.payload}… (cut to its first characters)` : m.payload}>
                  <span className="payload">
                    {m.payload}
                    {m.truncated ? '…' : ''}
                  </span>
                </td>
                <td className="num">{m.qos}</td>
                <td>{m.retain ? 'yes' : 'no'}</td>
                <td className="num">{m.bytes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {messages.length === 0 ? <p className="table-empty">No message published yet: start the runtime with MQTT on.</p> : null}
      {messages.length > 0 && matching.length === 0 ? <p className="table-empty">No message matches the filter.</p> : null}
      <p className="muted">
        The page keeps the last {KEPT_MESSAGES} messages it saw{matching.length > SHOWN ? ` and shows the newest ${SHOWN} that match` : ''}; subscribe to the broker for everything.
      </p>
    </section>
  );
}
