import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { useWizard, wizardStore } from './store';

/** By IP: host, port, optional password, and the ISO selectors some IEDs want (Advanced). */
export function IpSource({ disabled }: { disabled: boolean }) {
  const ip = useWizard((s) => s.ip);
  const [advanced, setAdvanced] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void wizardStore.discover();
  };
  const set = (key: keyof typeof ip) => (e: { currentTarget: HTMLInputElement }) => wizardStore.setIp({ [key]: e.currentTarget.value });
  return (
    <form className="form" onSubmit={submit} aria-label="Connect to an IED by address">
      <div className="form-row">
        <Field label="IP address or host" name="host" value={ip.host} onChange={set('host')} placeholder="192.168.1.20" required autoComplete="off" disabled={disabled} />
        <Field label="Port" name="port" value={ip.port} onChange={set('port')} inputMode="numeric" className="narrow" disabled={disabled} />
        <Field label="Password (optional)" name="password" type="password" value={ip.password} onChange={set('password')} autoComplete="off" hint="ACSE authentication; used for this connection only" disabled={disabled} />
      </div>
      <button type="button" className="link" aria-expanded={advanced} onClick={() => setAdvanced(!advanced)}>
        {advanced ? '▾' : '▸'} Advanced: selectors and timeout
      </button>
      {advanced ? (
        <div className="form-row">
          <Field label="TSEL" value={ip.tsel} onChange={set('tsel')} placeholder="0001" className="narrow" disabled={disabled} />
          <Field label="SSEL" value={ip.ssel} onChange={set('ssel')} placeholder="0001" className="narrow" disabled={disabled} />
          <Field label="PSEL" value={ip.psel} onChange={set('psel')} placeholder="00000001" className="narrow" disabled={disabled} />
          <Field label="AP-title" value={ip.apTitle} onChange={set('apTitle')} placeholder="1.1.1.999.1" disabled={disabled} />
          <Field label="AE-qualifier" value={ip.aeQualifier} onChange={set('aeQualifier')} placeholder="12" className="narrow" disabled={disabled} />
          <Field label="Timeout (ms)" value={ip.timeoutMs} onChange={set('timeoutMs')} className="narrow" disabled={disabled} />
        </div>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={disabled}>
          Connect &amp; Discover
        </button>
      </div>
    </form>
  );
}
