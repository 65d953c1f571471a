import { useEffect, useRef, useState } from 'react';
import type { MqttRecentMessage, MqttStatus } from '../../../../core/contract';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { useProject, useSession, useStatus } from '../../stores';
import { mergeRecent } from './mqtt-messages';
import { MqttMessages } from './MqttMessages';
import { MqttSettingsForm } from './MqttSettingsForm';
import { MqttStatusPanel } from './MqttStatusPanel';
import { errorText } from '../../error-text';

/**
 * The MQTT publisher: the broker connection and counters (`getMqttStatus`, then each
 * `mqttStatusChanged` the service pushes, at most once a second), the last messages with a topic
 * filter, and the project's MQTT settings.
 */
export function MqttPage() {
  const project = useProject((s) => s.project);
  const editable = useSession((s) => s.session?.role === 'operator');
  const runtime = useStatus((s) => s.status?.state);
  const [status, setStatus] = useState<MqttStatus | null>(null);
  const [messages, setMessages] = useState<MqttRecentMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  // Cleared: messages up to this time are not shown again when the publisher's list repeats them.
  const clearedAt = useRef('');

  useEffect(() => {
    let alive = true;
    const take = (s: MqttStatus) => {
      if (!alive) return;
      setStatus(s);
      setMessages((kept) => mergeRecent(kept, s.recent.filter((m) => m.time > clearedAt.current)));
      setError(null);
    };
    const off = api.on('mqttStatusChanged', take);
    // Asked again when the runtime starts or stops: the event comes only while it runs.
    api.getMqttStatus({}).then(take, (err: unknown) => alive && setError(errorText(err)));
    return () => {
      alive = false;
      off();
    };
  }, [runtime]);

  return (
    <>
      <PageHeader title="MQTT publisher" summary="The broker the gateway publishes to, what it published, and its topics, credentials and TLS." />
      {error ? <p className="error-text">The MQTT status could not be read: {error}</p> : null}
      {/* Without a project and a runtime there is no publisher to speak of. */}
      {status && (project || runtime === 'running') ? <MqttStatusPanel status={status} /> : null}
      {status?.enabled || messages.length > 0 ? <MqttMessages messages={messages} onClear={() => {
            clearedAt.current = messages[0]?.time ?? '';
            setMessages([]);
          }} /> : null}
      {project ? (
        <MqttSettingsForm q={project.mqtt} editable={editable} />
      ) : (
        <EmptyState title="No project open">
          <p>The publisher's settings belong to a project: open or create one on the start page.</p>
        </EmptyState>
      )}
    </>
  );
}
