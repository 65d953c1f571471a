import { useEffect, useState } from 'react';
import type { ModbusClients, ModbusSettings } from '../../../../core/contract';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { formatDateTime } from '../../format';
import { PageHeader } from '../../components/PageHeader';
import { projectStore, useProject, useSession, useStatus } from '../../stores';

const setModbus = (patch: Partial<ModbusSettings>) => projectStore.edit((p) => ({ ...p, modbus: { ...p.modbus, ...patch } }));

/** The Modbus TCP server's endpoint and rules (project settings), and its clients while it runs. */
export function ModbusPage() {
  const project = useProject((s) => s.project);
  const editable = useSession((s) => s.session?.role === 'operator');
  const running = useStatus((s) => s.status?.state === 'running');
  const [clients, setClients] = useState<ModbusClients | null>(null);

  useEffect(() => {
    if (!running) return;
    const load = () => void api.getModbusClients({}).then(setClients, () => undefined);
    load();
    const t = setInterval(load, 2000);
    return () => clearInterval(t);
  }, [running]);

  const m = project?.modbus;
  return (
    <>
      <PageHeader title="Modbus TCP server" summary="Where the read-only Modbus server listens, and who reads it." />
      {m ? (
        <form className="panel" aria-label="Modbus settings" onSubmit={(e) => e.preventDefault()}>
          <h2>Endpoint</h2>
          <div className="form-row">
            <label className="check">
              <input type="checkbox" checked={m.enabled} disabled={!editable} onChange={(e) => setModbus({ enabled: e.currentTarget.checked })} /> Serve Modbus TCP
            </label>
          </div>
          <div className="form-row">
            <Field label="Bind address" key={`bind-${m.bind}`} defaultValue={m.bind} disabled={!editable} hint="0.0.0.0: every interface; 127.0.0.1: this machine only" onBlur={(e) => e.currentTarget.value.trim() && setModbus({ bind: e.currentTarget.value.trim() })} />
            <Field label="Port" type="number" min={0} max={65535} key={`port-${m.port}`} defaultValue={m.port} disabled={!editable} className="narrow" onBlur={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v >= 0 && v <= 65535) setModbus({ port: v });
            }} />
            <Field label="Unit id" type="number" min={0} max={255} key={`unit-${m.unitId}`} defaultValue={m.unitId} disabled={!editable} className="narrow" onBlur={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v >= 0 && v <= 255) setModbus({ unitId: v });
            }} />
            <label className="check">
              <input type="checkbox" checked={m.checkUnitId} disabled={!editable} onChange={(e) => setModbus({ checkUnitId: e.currentTarget.checked })} /> Check the unit id (0x0B otherwise)
            </label>
          </div>
          <div className="form-row">
            <Field label="Allowed clients (IP addresses or subnets, comma separated)" key={`allow-${m.allowList.join(',')}`} defaultValue={m.allowList.join(', ')} disabled={!editable} hint="Empty: every client" onBlur={(e) => setModbus({ allowList: e.currentTarget.value.split(/[,\s]+/).filter(Boolean) })} />
            <Field label="Connection limit" type="number" min={1} max={10000} key={`max-${m.maxConnections}`} defaultValue={m.maxConnections} disabled={!editable} className="narrow" onBlur={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v >= 1) setModbus({ maxConnections: v });
            }} />
          </div>
          <div className="form-row">
            <label className="check">
              <input type="checkbox" checked={m.fillGaps} disabled={!editable} onChange={(e) => setModbus({ fillGaps: e.currentTarget.checked })} /> Unmapped registers read as 0 (instead of exception 02)
            </label>
            <label className="check">
              Bad values{' '}
              <select value={m.badValuePolicy.mode} disabled={!editable} onChange={(e) => setModbus({ badValuePolicy: e.currentTarget.value === 'hold' ? { mode: 'hold' } : { mode: 'substitute', value: 0 } })}>
                <option value="hold">hold the last value</option>
                <option value="substitute">substitute a value</option>
              </select>
            </label>
            {m.badValuePolicy.mode === 'substitute' ? (
              <Field label="Substitute" type="number" step="any" className="narrow" defaultValue={m.badValuePolicy.value} disabled={!editable} onBlur={(e) => {
                const v = Number(e.currentTarget.value);
                if (Number.isFinite(v)) setModbus({ badValuePolicy: { mode: 'substitute', value: v } });
              }} />
            ) : null}
          </div>
        </form>
      ) : (
        <EmptyState title="No project open">
          <p>The Modbus server's settings belong to a project: open or create one on the start page.</p>
        </EmptyState>
      )}
      <section className="panel" aria-label="Modbus clients">
        <h2>Clients</h2>
        {!running || !clients?.running ? (
          <p className="muted">Modbus server not running{running ? ' (off in this project)' : ': start the runtime'}.</p>
        ) : (
          <>
            <p>
              Listening on <span className="mono">{clients.listening}</span> · {clients.server?.accepted ?? 0} connections accepted, {clients.totals.requests} requests,{' '}
              {clients.totals.exceptions} exceptions, {(clients.server?.refusedNotAllowed ?? 0) + (clients.server?.refusedLimit ?? 0)} refused
            </p>
            <table className="grid" aria-label="Connected Modbus clients">
              <thead>
                <tr>
                  <th>Client</th>
                  <th>Since</th>
                  <th className="num">Requests</th>
                  <th className="num">Exceptions</th>
                  <th>Last read</th>
                </tr>
              </thead>
              <tbody>
                {clients.clients.map((c) => (
                  <tr key={c.id}>
                    <td className="mono">
                      {c.address}:{c.port}
                    </td>
                    <td>{formatDateTime(new Date(c.connectedAt).toISOString())}</td>
                    <td className="num">{c.requests}</td>
                    <td className="num">{c.exceptions}</td>
                    <td>{c.lastRead ? `FC ${String(c.lastRead.fc).padStart(2, '0')} ${c.lastRead.address}+${c.lastRead.count} at ${formatDateTime(new Date(c.lastRead.at).toISOString())}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
