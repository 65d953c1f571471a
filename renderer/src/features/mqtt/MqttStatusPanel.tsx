import type { MqttStatus } from '../../../../core/contract';
import { formatDateTime } from '../../format';
import { connectionText } from './connection-text';

/** The counters, in the order a message goes through them (docs/MQTT.md "Diagnostics"). */
const COUNTERS: readonly { key: keyof MqttStatus['counters']; label: string; hint: string }[] = [
  { key: 'generated', label: 'Generated', hint: 'messages made: changes, statuses, republishes, births' },
  { key: 'sent', label: 'Published', hint: 'handed to the broker connection, each once' },
  { key: 'acknowledged', label: 'Acknowledged', hint: 'QoS 1/2 messages the broker acknowledged' },
  { key: 'queued', label: 'Queued', hint: 'in the offline queue now (newest value per topic)' },
  { key: 'superseded', label: 'Superseded', hint: 'queued messages replaced by a newer value of their topic' },
  { key: 'dropped', label: 'Dropped', hint: 'lost to a bound: the queue or the outbox was full' },
  { key: 'outbox', label: 'Outbox', hint: 'buffered-report events waiting for the broker’s acknowledgement' },
  { key: 'resent', label: 'Resent', hint: 'outbox events sent again after a connection loss' },
  { key: 'errors', label: 'Errors', hint: 'publishes that failed' },
];

/** The publisher's broker connection, identity, counters and warnings. */
export function MqttStatusPanel({ status }: { status: MqttStatus }) {
  const s = status;
  return (
    <section className="panel" aria-label="MQTT broker">
      <h2>Broker</h2>
      <p>
        <span className={`badge badge-mqtt-${s.connection}`} data-testid="mqtt-connection">
          {s.connection}
        </span>{' '}
        <span data-testid="mqtt-connection-text">{connectionText(s)}</span>
        {s.enabled ? (
          <>
            {' '}
            · <span className="mono">{s.url}</span>
            {s.connectedSince ? ` since ${formatDateTime(s.connectedSince)}` : ''}
            {s.reconnects > 0 ? ` · ${s.reconnects} reconnects` : ''}
          </>
        ) : null}
      </p>
      {s.enabled ? (
        <p className="muted">
          Client id <span className="mono">{s.clientId}</span> · topic root <span className="mono">{s.topicRoot}</span> · {s.payload === 'sparkplug' ? 'Sparkplug B' : 'JSON topics'}
          {s.sparkplug ? ` · group ${s.sparkplug.groupId}, edge node ${s.sparkplug.edgeNodeId}, bdSeq ${s.sparkplug.bdSeq}, seq ${s.sparkplug.seq}` : ''}
          {s.sparkplug?.primaryHost ? ` · primary host ${s.sparkplug.primaryHost.id}` : ''}
        </p>
      ) : null}
      {s.lastError ? (
        <p className="error-text" data-testid="mqtt-error">
          Last error: {s.lastError}
        </p>
      ) : null}
      <dl className="counters" aria-label="MQTT counters">
        {COUNTERS.map((c) => (
          <div key={c.key} title={c.hint} className={c.key === 'dropped' && s.counters.dropped > 0 ? 'bad' : undefined}>
            <dt>{c.label}</dt>
            <dd data-testid={`mqtt-${c.key}`}>{s.counters[c.key]}</dd>
          </div>
        ))}
      </dl>
      {s.warnings.length > 0 ? (
        <ul className="warnings" aria-label="MQTT warnings">
          {s.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
