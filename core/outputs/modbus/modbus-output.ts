import type { PointBatch, Project } from '../../contract';
import { RelayGateError } from '../../shared';
import type { ModbusClientInfo, ConnectionLimits } from './modbus-connection';
import { ModbusTcpServer, type ModbusServerStats } from './modbus-server';
import { compileRegisterMap, type MapProblem, type RegisterMap } from './register-map';
import { RegisterImage } from './register-map-image';

/** A map with problems is never served; the error carries every problem, its message the first few. */
export class ModbusMapError extends RelayGateError {
  constructor(readonly problems: readonly MapProblem[]) {
    const shown = problems.slice(0, 5).map((p) => p.message);
    const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
    super('output', 'invalid-map', `the Modbus map has ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}`);
    this.name = 'ModbusMapError';
  }
}

/** Compiles the project's map, or throws ModbusMapError. */
export function registerMapOf(points: Project['points']): RegisterMap {
  const { map, problems } = compileRegisterMap(points);
  if (problems.length > 0) throw new ModbusMapError(problems);
  return map;
}

export interface ModbusOutput {
  readonly image: RegisterImage;
  readonly server: ModbusTcpServer;
  /** Writes a change batch from the runtime cache into the image (synchronously: atomic per point). */
  applyBatch(batch: PointBatch): void;
  clients(): ModbusClientInfo[];
  stats(): ModbusServerStats;
  close(): Promise<void>;
}

export interface ModbusOutputOptions {
  /** `run --modbus-bind/--modbus-port` override the project's endpoint for one run. */
  readonly bind?: string;
  readonly port?: number;
  readonly limits?: Partial<ConnectionLimits>;
  /** How often the age companions are rewritten; default 1000 ms. */
  readonly ageRefreshMs?: number;
  readonly now?: () => number;
}

/** The Modbus output of the gateway: the project's map, its image and the server answering from it. */
export async function startModbusOutput(project: Pick<Project, 'points' | 'modbus'>, options: ModbusOutputOptions = {}): Promise<ModbusOutput> {
  const now = options.now ?? Date.now;
  const image = new RegisterImage(registerMapOf(project.points), project.modbus.badValuePolicy);
  const settings = { ...project.modbus, bind: options.bind ?? project.modbus.bind, port: options.port ?? project.modbus.port };
  const server = await ModbusTcpServer.listen(image, settings, options.limits);
  const ages = setInterval(() => image.refreshAges(now()), options.ageRefreshMs ?? 1000);
  ages.unref();
  return {
    image,
    server,
    applyBatch: (batch) => void image.applyBatch(batch, now()),
    clients: () => server.clients(),
    stats: () => server.stats(),
    close: async () => {
      clearInterval(ages);
      await server.close();
    },
  };
}
