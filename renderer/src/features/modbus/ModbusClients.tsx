import { useEffect, useState } from 'react';
import type { ModbusClient, ModbusClients } from '../../../../core/contract';
import { api, backend } from '../../api';
import { pollWhileOpen } from '../../stores/poll';
import { formatDateTime, formatLogTime } from '../../format';
import { exceptionSummary } from './map-rows';
import { errorText } from '../../error-text';

/** How often the page asks for the clients while the runtime runs. */
const REFRESH_MS = 1000;

interface Props {
  running: boolean;
  selected: number | null;
  onSelect: (client: ModbusClient | null) => void;
}

/**
 * The Modbus server's clients while the runtime runs: address, since when, requests, exceptions by
 * code and the last range read, refreshed every second. Choosing one marks its last range in the map.
 */
export function ModbusClientsPanel({ running, selected, onSelect }: Props) {
  const [clients, setClients] = useState<ModbusClients | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!running) {
      setClients(null);
      return;
    }
    let alive = true;
    const load = () =>
      api.getModbusClients({}).then(
        (c) => {
          if (!alive) return;
          setClients(c);
          setError(null);
        },
        (err: unknown) => {
          if (alive) setError(errorText(err));
        },
      );
    // While the connection is down the tick is skipped (the status bar says why), not turned into errors.
    const stop = pollWhileOpen(backend, load, REFRESH_MS);
    return () => {
      alive = false;
      stop();
    };
  }, [running]);

  // The chosen client's newest last range follows each refresh; a client that left is unchosen.
  const chosen = clients?.clients.find((c) => c.id === selected) ?? null;
  useEffect(() => {
    if (selected !== null && clients && !chosen) onSelect(null);
    else if (chosen) onSelect(chosen);
  }, [clients, chosen, selected, onSelect]);

  const s = clients?.server;
  return (
    <section className="panel" aria-label="Modbus clients">
      <h2>Clients</h2>
      {error ? <p className="error-text">The clients could not be read: {error}</p> : null}
      {!running || !clients?.running ? (
        <p className="muted" data-testid="modbus-state">
          Modbus server not running{running ? ' (off in this project)' : ': start the runtime'}.
        </p>
      ) : (
        <>
          <p data-testid="modbus-state">
            Listening on <span className="mono">{clients.listening}</span> · {clients.clients.length} connected, {s?.accepted ?? 0} accepted, {clients.totals.requests} requests,{' '}
            {clients.totals.exceptions} exceptions · refused: {s?.refusedNotAllowed ?? 0} not allowed, {s?.refusedLimit ?? 0} over the limit · {s?.closedMalformed ?? 0} closed for a malformed frame
          </p>
          <table className="grid" aria-label="Connected Modbus clients">
            <thead>
              <tr>
                <th>Client</th>
                <th>Connected since</th>
                <th className="num">Requests</th>
                <th className="num">Exceptions</th>
                <th>Last range read</th>
                <th>At</th>
                <th>State</th>
              </tr>
            </thead>
            <tbody>
              {clients.clients.map((c) => (
                <tr key={c.id} data-client={`${c.address}:${c.port}`} aria-selected={c.id === selected} className={c.id === selected ? 'client-selected' : undefined}>
                  <td className="mono">
                    <button type="button" className="link" aria-pressed={c.id === selected} title="Mark its last range in the map" onClick={() => onSelect(c.id === selected ? null : c)}>
                      {c.address}:{c.port}
                    </button>
                  </td>
                  <td>{formatDateTime(new Date(c.connectedAt).toISOString())}</td>
                  <td className="num" data-testid="client-requests">
                    {c.requests}
                  </td>
                  <td className="num">{exceptionSummary(c)}</td>
                  <td className="mono">{c.lastRead ? `FC ${String(c.lastRead.fc).padStart(2, '0')} ${c.lastRead.range}` : '—'}</td>
                  <td className="mono">{c.lastRead ? formatLogTime(new Date(c.lastRead.at).toISOString()) : '—'}</td>
                  <td>{c.stalled ? <span className="badge badge-stale">not reading its answers ({c.queuedBytes} B queued)</span> : 'ok'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {clients.clients.length === 0 ? <p className="table-empty">No client connected: point an HMI or `mbpoll` at {clients.listening}.</p> : null}
        </>
      )}
    </section>
  );
}
