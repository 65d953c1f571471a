import { useState } from 'react';
import type { ModbusClient, ModbusSettings } from '../../../../core/contract';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { projectStore, useProject, useSession, useStatus } from '../../stores';
import { ModbusClientsPanel } from './ModbusClients';
import { ModbusMapView } from './ModbusMapView';

const setModbus = (patch: Partial<ModbusSettings>) => projectStore.edit((p) => ({ ...p, modbus: { ...p.modbus, ...patch } }));

/** The Modbus TCP server's endpoint and rules (project settings), its clients while it runs, and its map. */
export function ModbusPage() {
  const project = useProject((s) => s.project);
  const editable = useSession((s) => s.session?.role === 'operator');
  const running = useStatus((s) => s.status?.state === 'running');
  const [selected, setSelected] = useState<ModbusClient | null>(null);

  const m = project?.modbus;
  return (
    <>
      <PageHeader title="Modbus TCP server" summary="Where the read-only Modbus server listens, who reads it, and which register holds what." />
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
      <ModbusClientsPanel running={running} selected={selected?.id ?? null} onSelect={setSelected} />
      {m ? <ModbusMapView highlight={selected?.lastRead ?? null} /> : null}
    </>
  );
}
