import { useRef, useState } from 'react';
import { api } from '../../api';
import { uploadFile, type Upload } from '../../api/http';
import { Field } from '../../components/Field';
import { Progress } from '../../components/Progress';
import { formatBytes } from '../../format';
import { useSession } from '../../stores';
import { useWizard, wizardStore } from './store';
import { errorText } from '../../error-text';

/**
 * By SCL: the file from a native dialog (desktop) or an upload with progress (browser), or a path on
 * the server; then its IEDs, each to pick and with its address confirmed or typed.
 */
export function SclSource({ disabled }: { disabled: boolean }) {
  const dialogs = useSession((s) => s.session?.fileDialogs ?? false);
  const scl = useWizard((s) => s.scl);
  const [upload, setUpload] = useState<{ name: string; sent: number; total: number; handle: Upload } | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const send = async (file: File) => {
    setError(null);
    const handle = uploadFile(file, (sent, total) => setUpload((u) => (u ? { ...u, sent, total } : u)));
    setUpload({ name: file.name, sent: 0, total: file.size, handle });
    try {
      const done = await handle.done;
      setUpload(null);
      await wizardStore.openScl(done.path, file.name);
    } catch (err) {
      setUpload(null);
      setError(errorText(err));
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const choose = async () => {
    setError(null);
    try {
      const { path: chosen } = await api.chooseFile({ purpose: 'open-scl' });
      if (chosen) await wizardStore.openScl(chosen, chosen.split(/[\\/]/).pop() ?? chosen);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="form">
      <div className="form-row align-end">
        {dialogs ? (
          <button type="button" className="primary" onClick={() => void choose()} disabled={disabled}>
            Choose SCL file…
          </button>
        ) : (
          <div className="field">
            <label htmlFor="scl-upload">SCL file (.scd, .cid, .icd, .iid)</label>
            <input
              id="scl-upload"
              ref={input}
              type="file"
              accept=".scd,.cid,.icd,.iid,.ssd,.sed,.xml"
              disabled={disabled || upload !== null}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void send(file);
              }}
            />
          </div>
        )}
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) void wizardStore.openScl(path.trim(), path.trim().split(/[\\/]/).pop() ?? path);
          }}
        >
          <Field label={dialogs ? 'or its path' : 'or a path on the server'} value={path} onChange={(e) => setPath(e.currentTarget.value)} placeholder="/data/station.scd" disabled={disabled} />
          <button type="submit" disabled={disabled || !path.trim()}>
            Open
          </button>
        </form>
      </div>
      {upload ? (
        <div className="job">
          <Progress label={`Uploading ${upload.name}`} done={upload.sent} total={upload.total} detail={`${formatBytes(upload.sent)} of ${formatBytes(upload.total)}`} />
          <button type="button" onClick={() => upload.handle.cancel()}>
            Cancel
          </button>
        </div>
      ) : null}
      {error ? <p className="error-text" role="alert">{error}</p> : null}
      {scl ? <SclIeds disabled={disabled} /> : null}
    </div>
  );
}

function SclIeds({ disabled }: { disabled: boolean }) {
  const scl = useWizard((s) => s.scl);
  if (!scl) return null;
  const picked = Object.values(scl.picks).filter((p) => p.picked).length;
  return (
    <section aria-labelledby="scl-ieds">
      <h3 id="scl-ieds">
        {scl.label}: SCL {scl.overview.edition}, {scl.overview.ieds.length} IED{scl.overview.ieds.length === 1 ? '' : 's'}
      </h3>
      {scl.overview.warnings.length > 0 ? (
        <details className="warnings">
          <summary>{scl.overview.warnings.length} warnings about the file</summary>
          <ul>
            {scl.overview.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="table-wrap">
        <table className="grid" aria-label="IEDs of the SCL file">
          <thead>
            <tr>
              <th>Use</th>
              <th>IED</th>
              <th>IP in the file</th>
              <th>Connect to</th>
              <th>Port</th>
              <th className="num">LDs</th>
              <th className="num">LNs</th>
              <th className="num">Data sets</th>
              <th className="num">RCBs</th>
              <th className="num">Leaves</th>
            </tr>
          </thead>
          <tbody>
            {scl.overview.ieds.map((ied) => {
              const pick = scl.picks[ied.name] ?? { picked: false, host: '', port: '102' };
              const fileIp = ied.accessPoints.map((a) => a.ip).find(Boolean) ?? null;
              return (
                <tr key={ied.name}>
                  <td>
                    <input type="checkbox" aria-label={`Use ${ied.name}`} checked={pick.picked} disabled={disabled} onChange={(e) => wizardStore.setPick(ied.name, { picked: e.currentTarget.checked })} />
                  </td>
                  <td>{ied.name}</td>
                  <td className="mono">{fileIp ?? <span className="muted">none</span>}</td>
                  <td>
                    <input
                      className="cell-input"
                      aria-label={`Address of ${ied.name}`}
                      value={pick.host}
                      placeholder={fileIp ? undefined : 'give an address'}
                      disabled={disabled || !pick.picked}
                      onChange={(e) => wizardStore.setPick(ied.name, { host: e.currentTarget.value })}
                    />
                  </td>
                  <td>
                    <input className="cell-input narrow" aria-label={`Port of ${ied.name}`} value={pick.port} disabled={disabled || !pick.picked} onChange={(e) => wizardStore.setPick(ied.name, { port: e.currentTarget.value })} />
                  </td>
                  <td className="num">{ied.counts.logicalDevices}</td>
                  <td className="num">{ied.counts.logicalNodes}</td>
                  <td className="num">{ied.counts.dataSets}</td>
                  <td className="num">{ied.counts.reportControls}</td>
                  <td className="num">{ied.counts.leaves}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={disabled || picked === 0} onClick={() => void wizardStore.loadScl()}>
          Load {picked === 0 ? 'the picked IEDs' : `${picked} IED${picked === 1 ? '' : 's'}`}
        </button>
      </div>
    </section>
  );
}
