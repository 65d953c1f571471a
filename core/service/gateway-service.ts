import type {
  Diagnostics,
  EventName,
  EventPayload,
  GetDiagnosticsParams,
  HostMode,
  LogLevel,
  RuntimeState,
  SclIedDto,
  SclIedParams,
  SclOverviewDto,
  SclSource,
  ServiceHandlers,
  Status,
} from '../contract';
import { TypedEmitter } from '../shared';
import { DiagnosticsLog } from './diagnostics-log';
import { SclFiles } from './scl-files';

type ServiceEvents = { [E in EventName]: EventPayload<E> };

export interface GatewayServiceOptions {
  mode: HostMode;
  version: string;
  /** Name of the project opened at start, if any. */
  project?: string | null;
  diagnosticsCapacity?: number;
  /** Period of the statusChanged heartbeat that lets clients see uptime advance; 0 turns it off. */
  statusPeriodMs?: number;
  now?: () => Date;
}

/**
 * The service API behind both bindings (Electron IPC and the WebSocket host). It owns no sockets:
 * bindings call its handlers and subscribe to its events.
 */
export class GatewayService implements ServiceHandlers {
  private readonly events = new TypedEmitter<ServiceEvents>();
  private readonly diagnostics: DiagnosticsLog;
  private readonly now: () => Date;
  private readonly startedAt: Date;
  private state: RuntimeState = 'idle';
  private stateDetail: string | null = null;
  private project: string | null;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly scl = new SclFiles();

  constructor(private readonly options: GatewayServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now();
    this.project = options.project ?? null;
    this.diagnostics = new DiagnosticsLog(options.diagnosticsCapacity, this.now);
    this.log('info', 'service', `RelayGate ${options.version} started in ${options.mode} mode`);
    const period = options.statusPeriodMs ?? 1000;
    if (period > 0) {
      this.heartbeat = setInterval(() => this.publishStatus(), period);
      this.heartbeat.unref();
    }
  }

  dispose(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  async getStatus(): Promise<Status> {
    return this.status();
  }

  async getDiagnostics(params: GetDiagnosticsParams): Promise<Diagnostics> {
    return this.diagnostics.query(params);
  }

  async sclOverview(source: SclSource): Promise<SclOverviewDto> {
    return this.scl.overview(source);
  }

  async sclIed(params: SclIedParams): Promise<SclIedDto> {
    return this.scl.ied(params);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.events.on(event, listener);
  }

  log(level: LogLevel, source: string, message: string): void {
    this.diagnostics.add(level, source, message);
  }

  setRuntimeState(state: RuntimeState, detail: string | null = null): void {
    if (state === this.state && detail === this.stateDetail) return;
    this.state = state;
    this.stateDetail = detail;
    this.log(state === 'error' ? 'error' : 'info', 'runtime', `state ${state}${detail ? `: ${detail}` : ''}`);
    this.publishStatus();
  }

  /** Emits statusChanged; hosts call this on a timer so clients see uptime advance. */
  publishStatus(): void {
    this.events.emit('statusChanged', this.status());
  }

  private status(): Status {
    return {
      version: this.options.version,
      mode: this.options.mode,
      startedAt: this.startedAt.toISOString(),
      uptimeMs: Math.max(0, this.now().getTime() - this.startedAt.getTime()),
      state: this.state,
      stateDetail: this.stateDetail,
      project: this.project,
    };
  }
}
