import type { PointCache } from '../cache';
import type { ModbusClients, PointState, Project } from '../contract';
import { startModbusOutput, type ModbusClientInfo } from '../outputs';
import type { HostedOutput } from './host';

/**
 * The Modbus TCP server as a runtime output: batches go into its register image (atomic per point), and
 * on each tick the points with an `age` companion whose value was confirmed without changing (an
 * unchanged poll) get their state pushed again, so the age register counts from the last update.
 */
export async function modbusOutput(project: Project): Promise<HostedOutput> {
  const output = await startModbusOutput(project);
  const aged = output.image.map.points.filter((p) => p.companions.some((c) => c.kind === 'age')).map((p) => p.key);
  const pushed = new Map<string, number | null>();
  let indices: { key: string; index: number }[] | undefined;
  const departed = { requests: 0, exceptions: 0 };
  output.server.on('disconnected', (c) => {
    departed.requests += c.requests;
    departed.exceptions += c.exceptions;
  });
  const refreshAges = (now: number, cache: PointCache): void => {
    indices ??= aged.filter((key) => cache.has(key)).map((key) => ({ key, index: cache.indexOf(key) }));
    for (const { key, index } of indices) {
      const t = cache.localTimeOf(index);
      if (t === null || pushed.get(key) === t) continue;
      pushed.set(key, t);
      output.image.apply(cache.state(index), now);
    }
  };
  const remember = (states: readonly PointState[]): void => {
    for (const s of states) if (pushed.has(s.key) || aged.includes(s.key)) pushed.set(s.key, s.localTime);
  };
  return {
    sink: {
      name: 'modbus',
      start: async (initial) => remember(initial),
      apply: (batch) => {
        output.applyBatch(batch);
        if (aged.length > 0) remember(batch.changes);
      },
      tick: (now, cache) => {
        if (aged.length > 0) refreshAges(now, cache);
      },
      stop: () => output.close(),
    },
    endpoint: () => {
      const s = output.stats();
      return `tcp://${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port} (unit id ${project.modbus.unitId}, ${output.image.map.points.length} points)`;
    },
    summary: () => {
      const clients = output.clients();
      const requests = departed.requests + clients.reduce((n, c) => n + c.requests, 0);
      return `${clients.length} client${clients.length === 1 ? '' : 's'}, ${requests} requests`;
    },
    modbusClients: (): ModbusClients => {
      const server = output.stats();
      const clients = output.clients();
      return {
        running: true,
        listening: `${server.host}:${server.port}`,
        clients: clients.map(clientDto),
        server,
        totals: {
          requests: departed.requests + clients.reduce((n, c) => n + c.requests, 0),
          exceptions: departed.exceptions + clients.reduce((n, c) => n + c.exceptions, 0),
        },
      };
    },
  };
}

/** The server's client record as the contract's DTO (exception codes as decimal keys). */
function clientDto(c: ModbusClientInfo): ModbusClients['clients'][number] {
  return { ...c, exceptionsByCode: Object.fromEntries(Object.entries(c.exceptionsByCode)) };
}
