import type { MqttSettings } from '../../../../core/contract';
import { Field } from '../../components/Field';
import { SecretField } from '../../components/SecretField';
import { projectStore } from '../../stores';
import { SparkplugFields } from './SparkplugFields';

const setMqtt = (patch: Partial<MqttSettings>) => projectStore.edit((p) => ({ ...p, mqtt: { ...p.mqtt, ...patch } }));

type Tls = NonNullable<MqttSettings['tls']>;
const setTls = (tls: Tls | undefined, patch: Partial<Tls>) => setMqtt({ tls: { rejectUnauthorized: true, ...tls, ...patch } });

const pem = (what: string) => `The ${what}: a PEM file's path (relative to the project file), or the PEM text`;

/** The project's MQTT settings: broker, topics, credentials and TLS files (operators edit them). */
export function MqttSettingsForm({ q, editable }: { q: MqttSettings; editable: boolean }) {
  return (
    <form className="panel" aria-label="MQTT settings" onSubmit={(e) => e.preventDefault()}>
      <div className="form-row">
        <label className="check">
          <input type="checkbox" checked={q.enabled} disabled={!editable} onChange={(e) => setMqtt({ enabled: e.currentTarget.checked })} /> Publish to MQTT
        </label>
      </div>
      <div className="form-row">
        <Field label="Broker URL" key={`url-${q.url}`} defaultValue={q.url} disabled={!editable} hint="mqtt://, mqtts:// (TLS), ws:// or wss://" onBlur={(e) => {
          const v = e.currentTarget.value.trim();
          if (/^(mqtts?|wss?):\/\//.test(v)) setMqtt({ url: v });
        }} />
        <Field label="Topic root" key={`root-${q.topicRoot}`} defaultValue={q.topicRoot} disabled={!editable} onBlur={(e) => e.currentTarget.value.trim() && setMqtt({ topicRoot: e.currentTarget.value.trim() })} />
        <label className="check">
          QoS{' '}
          <select value={q.qos} disabled={!editable} onChange={(e) => setMqtt({ qos: Number(e.currentTarget.value) as 0 | 1 | 2 })}>
            <option value={0}>0</option>
            <option value={1}>1</option>
            <option value={2}>2</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={q.retain} disabled={!editable} onChange={(e) => setMqtt({ retain: e.currentTarget.checked })} /> Retain
        </label>
        <label className="check">
          Payload{' '}
          <select value={q.payload} disabled={!editable} onChange={(e) => setMqtt({ payload: e.currentTarget.value as 'json' | 'sparkplug' })}>
            <option value="json">JSON topics</option>
            <option value="sparkplug">Sparkplug B</option>
          </select>
        </label>
      </div>
      {q.payload === 'sparkplug' ? <SparkplugFields sparkplug={q.sparkplug} editable={editable} set={(sparkplug) => setMqtt({ sparkplug })} /> : null}
      <div className="form-row">
        <label className="check">
          <input
            type="checkbox"
            checked={q.embeddedBroker?.enabled ?? false}
            disabled={!editable}
            onChange={(e) => setMqtt({ embeddedBroker: { host: '127.0.0.1', port: 1883, ...q.embeddedBroker, enabled: e.currentTarget.checked } })}
          />{' '}
          Run an embedded broker (for benches without one; the publisher then uses it, whatever the URL says)
        </label>
        {q.embeddedBroker?.enabled ? (
          <>
            <Field label="Embedded broker address" key={`eb-host-${q.embeddedBroker.host}`} defaultValue={q.embeddedBroker.host} disabled={!editable} onBlur={(e) => {
              const host = e.currentTarget.value.trim();
              if (host && q.embeddedBroker) setMqtt({ embeddedBroker: { ...q.embeddedBroker, host } });
            }} />
            <Field label="Embedded broker port" type="number" min={0} max={65535} className="narrow" key={`eb-port-${q.embeddedBroker.port}`} defaultValue={q.embeddedBroker.port} disabled={!editable} onBlur={(e) => {
              const port = Number(e.currentTarget.value);
              if (Number.isInteger(port) && port >= 0 && port <= 65535 && q.embeddedBroker) setMqtt({ embeddedBroker: { ...q.embeddedBroker, port } });
            }} />
          </>
        ) : null}
      </div>
      <h2>Credentials</h2>
      <div className="form-row">
        <Field label="User name" key={`user-${q.username ?? ''}`} defaultValue={q.username ?? ''} disabled={!editable} autoComplete="off" onBlur={(e) => {
          const v = e.currentTarget.value.trim();
          setMqtt(v ? { username: v } : { username: undefined });
        }} />
        <SecretField label="Password" value={q.password} disabled={!editable} onChange={(password) => setMqtt({ password })} />
      </div>
      <h2>TLS</h2>
      <div className="form-row">
        <Field label="CA certificate" key={`ca-${q.tls?.ca ?? ''}`} defaultValue={q.tls?.ca ?? ''} disabled={!editable} hint={pem('CA')} onBlur={(e) => setTls(q.tls, { ca: e.currentTarget.value.trim() || undefined })} />
        <Field label="Client certificate" key={`cert-${q.tls?.cert ?? ''}`} defaultValue={q.tls?.cert ?? ''} disabled={!editable} hint={pem('certificate')} onBlur={(e) => setTls(q.tls, { cert: e.currentTarget.value.trim() || undefined })} />
        <Field
          label="Client key"
          key={`key-${q.tls?.key ?? ''}`}
          defaultValue={q.tls?.key ?? ''}
          disabled={!editable}
          hint="A PEM file's path. Key text put in the project stays on the server and shows as (kept on the server)"
          onBlur={(e) => setTls(q.tls, { key: e.currentTarget.value.trim() || undefined })}
        />
        <label className="check">
          <input type="checkbox" checked={q.tls?.rejectUnauthorized ?? true} disabled={!editable} onChange={(e) => setTls(q.tls, { rejectUnauthorized: e.currentTarget.checked })} /> Verify the broker's certificate
        </label>
      </div>
    </form>
  );
}
