import {
  PROJECT_SCHEMA_VERSION,
  ProjectSchema,
  type ChannelParams,
  type ChannelResult,
  type Diagnostics,
  type EventName,
  type EventPayload,
  type GetDiagnosticsParams,
  type HandlerParams,
  type HostMode,
  type LogLevel,
  type MqttStatus,
  type Project,
  type RuntimeState,
  type SclIedDto,
  type SclIedParams,
  type SclOverviewDto,
  type SclSource,
  type ServiceHandlers,
  type Status,
} from '../contract';
import { mqttStatusAtRest } from '../outputs';
import { ProjectError, checkProject, encryptSecret, secretResolver, type SecretCipher, type SecretResolver } from '../project';
import { RuntimeHost, projectOutputs, readProjectFile, writeProjectFile, type OutputFactory, type RuntimeHostOptions } from '../runtime';
import { TypedEmitter, errorMessage } from '../shared';
import { trafficRecordDto } from './traffic-dto';
import { DiagnosticsLog } from './diagnostics-log';
import { Evidence, type PdfPrinter } from './evidence';
import { Jobs } from './jobs';
import { MqttWatch } from './mqtt-watch';
import { PointStream } from './point-stream';
import { KEPT_SECRET, redactProject, restoreSecrets } from './secret-redaction';
import { Workbench } from './workbench';
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
  /** How secrets are resolved; default: environment variables given here (none). */
  secrets?: SecretResolver;
  /** The outputs a project enables; default the Modbus server and MQTT publisher (projectOutputs). */
  outputs?: OutputFactory;
  /** Runtime tuning and endpoint overrides passed to the runtime host. */
  host?: Pick<RuntimeHostOptions, 'overrides' | 'runtimeOptions'>;
  /** Point and IED-status events are merged and sent at most this often. Default 100 ms (10 Hz). */
  batchIntervalMs?: number;
  /** The MQTT status is checked this often while running and sent when it changed. Default 1000 ms. */
  mqttStatusIntervalMs?: number;
  /** Encrypts secrets typed in the UI (desktop: Electron safeStorage); absent, they are refused. */
  cipher?: SecretCipher;
  /** Native file dialogs (desktop); absent, chooseFile is refused and the UI asks for a path. */
  dialogs?: FileDialogs;
  /** Prints the FAT report to PDF (serve: core/print's Chromium; desktop: printToPDF); absent, exportReport says no PDF can be made. */
  pdf?: PdfPrinter;
}

/** A native open/save dialog for one purpose; null when the user cancels. */
export interface FileDialogs {
  choose(purpose: HandlerParams<'chooseFile'>['purpose'], defaultPath: string | undefined): Promise<string | null>;
}

/**
 * The service API behind both bindings (Electron IPC and the WebSocket host): the open project, the
 * runtime, and what clients see of it (status, points, IEDs, Modbus clients, traffic, diagnostics). It
 * owns no sockets of its own: bindings call its handlers and subscribe to its events.
 */
export class GatewayService implements ServiceHandlers {
  private readonly events = new TypedEmitter<ServiceEvents>();
  private readonly diagnostics: DiagnosticsLog;
  private readonly now: () => Date;
  private readonly startedAt: Date;
  private readonly stream: PointStream;
  private readonly mqtt: MqttWatch;
  /** The publisher's last status after the runtime stopped (its final counters), until another project. */
  private stoppedMqtt: MqttStatus | null = null;
  private state: RuntimeState = 'idle';
  private stateDetail: string | null = null;
  private projectName: string | null;
  private project: Project | null = null;
  private projectPath: string | null = null;
  private host: RuntimeHost | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private readonly scl = new SclFiles();
  private readonly jobs: Jobs;
  private readonly workbench: Workbench;
  private readonly evidence: Evidence;

  constructor(private readonly options: GatewayServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.startedAt = this.now();
    this.projectName = options.project ?? null;
    this.diagnostics = new DiagnosticsLog(options.diagnosticsCapacity, this.now);
    this.stream = new PointStream(
      options.batchIntervalMs ?? 100,
      (batch) => this.events.emit('pointBatch', batch),
      (status) => this.events.emit('iedStatusChanged', status),
    );
    this.mqtt = new MqttWatch(options.mqttStatusIntervalMs ?? 1000, (s) => this.events.emit('mqttStatusChanged', s));
    this.jobs = new Jobs((p) => this.events.emit('jobProgress', p));
    this.workbench = new Workbench(this.jobs);
    this.evidence = new Evidence(this.jobs, {
      project: (edited) => ({ project: edited === undefined ? this.openProjectOrFail() : this.checkedProject(edited), path: this.projectPath }),
      secrets: () => this.secrets(),
      version: options.version,
      pdf: options.pdf,
      now: this.now,
    });
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
    this.stream.stop();
    this.mqtt.stop(null);
    this.jobs.cancelAll();
  }

  async getStatus(): Promise<Status> {
    return this.status();
  }

  async getDiagnostics(params: GetDiagnosticsParams): Promise<Diagnostics> {
    return this.diagnostics.query(params);
  }

  async openProject({ path }: ChannelParams<'openProject'>): Promise<ChannelResult<'openProject'>> {
    if (this.host) throw new Error('stop the runtime before opening another project');
    const file = await readProjectFile(path);
    this.useProject(file.project, path);
    for (const note of file.notes) this.log('info', 'project', `${path}: ${note}`);
    return { path, project: redactProject(file.project), fromVersion: file.fromVersion, migrated: file.migrated, notes: [...file.notes] };
  }

  async saveProject(params: ChannelParams<'saveProject'>): Promise<ChannelResult<'saveProject'>> {
    const path = params.path ?? this.projectPath;
    if (!path) throw new Error('no path: the project was never saved, give one');
    const checked = checkProject(restoreSecrets(params.project, this.project));
    if (!checked.ok) throw new ProjectError('invalid', `the project is not valid (${checked.issues.length} problems):`, checked.issues);
    await writeProjectFile(path, checked.project, { overwriteUnreadable: params.overwriteUnreadable ?? false });
    this.useProject(checked.project, path);
    this.log('info', 'project', `saved ${path}`);
    return { path };
  }

  async validateProject({ project }: ChannelParams<'validateProject'>): Promise<ChannelResult<'validateProject'>> {
    const checked = checkProject(project);
    return checked.ok ? { ok: true, issues: [] } : { ok: false, issues: [...checked.issues] };
  }

  async startRuntime(params: HandlerParams<'startRuntime'> = {}): Promise<Status> {
    if (this.host) return this.status();
    if (params.project !== undefined) this.useProject(this.checkedProject(params.project), this.projectPath);
    const project = this.openProjectOrFail();
    this.setRuntimeState('starting');
    try {
      this.host = await RuntimeHost.start(project, {
        projectPath: this.projectPath,
        secrets: this.secrets(),
        outputs: this.options.outputs ?? projectOutputs,
        ...this.options.host,
        log: (e) => this.log(e.level, e.source, e.message),
      });
    } catch (err) {
      this.setRuntimeState('error', errorMessage(err));
      throw err;
    }
    this.host.gateway.on('batch', (b) => this.stream.addBatch(b));
    this.host.gateway.on('iedStatus', (s) => this.stream.addIed(s));
    this.stream.start();
    this.stoppedMqtt = null;
    this.mqtt.start(() => this.host?.mqttStatus() ?? null);
    this.setRuntimeState('running');
    return this.status();
  }

  async stopRuntime(): Promise<Status> {
    const host = this.host;
    if (!host) return this.status();
    this.setRuntimeState('stopping');
    try {
      await host.stop();
    } finally {
      this.host = undefined;
      this.stream.stop();
      this.stoppedMqtt = host.mqttStatus();
      this.mqtt.stop(this.stoppedMqtt);
      this.setRuntimeState('idle');
    }
    return this.status();
  }

  async getIedStatus(): Promise<ChannelResult<'getIedStatus'>> {
    return { ieds: this.host?.gateway.iedStatuses() ?? [] };
  }

  async getPoints(params: HandlerParams<'getPoints'> = {}): Promise<ChannelResult<'getPoints'>> {
    const all = this.host?.gateway.cache.snapshot() ?? [];
    const offset = params.offset ?? 0;
    const points = params.offset === undefined && params.limit === undefined ? all : all.slice(offset, offset + (params.limit ?? all.length));
    return { batch: this.stream.lastBatch, points, total: all.length };
  }

  async getModbusClients(): Promise<ChannelResult<'getModbusClients'>> {
    return this.host?.modbusClients() ?? { running: false, listening: null, clients: [], server: null, totals: { requests: 0, exceptions: 0 } };
  }

  async getMqttStatus(): Promise<MqttStatus> {
    return this.host?.mqttStatus() ?? this.stoppedMqtt ?? mqttStatusAtRest(this.project?.mqtt ?? null);
  }

  async getTraffic(params: ChannelParams<'getTraffic'>): Promise<ChannelResult<'getTraffic'>> {
    const traffic = this.host?.gateway.traffic(params.ied, params.afterSeq ?? 0);
    if (!traffic) throw new Error(this.host ? `no IED '${params.ied}' in the running project` : 'the runtime is not running');
    const records = traffic.records.slice(-(params.limit ?? 1000)).map(trafficRecordDto);
    return { records, dropped: traffic.dropped, capacity: traffic.capacity };
  }

  /** A project as edited in the UI, its kept secrets restored, validated; an invalid one is refused with its problems. */
  private checkedProject(edited: unknown): Project {
    const checked = checkProject(restoreSecrets(edited, this.project));
    if (!checked.ok) throw new ProjectError('invalid', `the project is not valid (${checked.issues.length} problems):`, checked.issues);
    return checked.project;
  }

  private openProjectOrFail(): Project {
    if (!this.project) throw new Error('no project is open: open or create one first');
    return this.project;
  }

  private secrets(): SecretResolver {
    return this.options.secrets ?? secretResolver({}, this.options.cipher);
  }

  verifyProject(params: HandlerParams<'verifyProject'>): Promise<ChannelResult<'verifyProject'>> {
    return this.evidence.verifyProject(params);
  }

  exportReport(params: HandlerParams<'exportReport'>): Promise<ChannelResult<'exportReport'>> {
    return this.evidence.exportReport(params);
  }

  async getHistory(params: ChannelParams<'getHistory'>): Promise<ChannelResult<'getHistory'>> {
    const history = this.host?.gateway.history;
    if (!history) throw new Error('the runtime is not running: trends come from the running gateway');
    const series: ChannelResult<'getHistory'>['series'] = [];
    const unknown: string[] = [];
    for (const key of params.keys) {
      const s = history.series(key, params.sinceMs);
      if (s) series.push(s);
      else unknown.push(key);
    }
    return { series, unknown, now: Date.now() };
  }

  /** The running host (CLI `run` and `demo` print its endpoints and watch its gateway). */
  get runtime(): RuntimeHost | undefined {
    return this.host;
  }

  /** Uses a project that is already loaded (the CLI's `run` and `demo`), as openProject would. */
  useProject(project: Project, path: string | null): void {
    this.project = project;
    this.projectPath = path;
    this.stoppedMqtt = null;
    this.projectName = project.name;
    this.publishStatus();
  }

  async sclOverview(source: SclSource): Promise<SclOverviewDto> {
    return this.scl.overview(source);
  }

  async sclIed(params: SclIedParams): Promise<SclIedDto> {
    return this.scl.ied(params);
  }

  async getSession(): Promise<ChannelResult<'getSession'>> {
    return { role: 'operator', authRequired: false, fileDialogs: this.options.dialogs !== undefined, encryptedSecrets: this.options.cipher !== undefined };
  }

  discoverIed(params: HandlerParams<'discoverIed'>): Promise<ChannelResult<'discoverIed'>> {
    return this.workbench.discoverIed(params);
  }

  probePoints(params: HandlerParams<'probePoints'>): Promise<ChannelResult<'probePoints'>> {
    return this.workbench.probePoints(params);
  }

  async cancelJob({ jobId }: HandlerParams<'cancelJob'>): Promise<ChannelResult<'cancelJob'>> {
    return { cancelled: this.jobs.cancel(jobId) };
  }

  async newProject({ name }: HandlerParams<'newProject'>): Promise<ChannelResult<'newProject'>> {
    return ProjectSchema.parse({ schemaVersion: PROJECT_SCHEMA_VERSION, name, ieds: [], points: [] });
  }

  addIeds(params: HandlerParams<'addIeds'>): Promise<ChannelResult<'addIeds'>> {
    return this.workbench.addIeds(params);
  }

  modbusMap(params: HandlerParams<'modbusMap'>): Promise<ChannelResult<'modbusMap'>> {
    return this.workbench.modbusMap(params);
  }

  autoAssignModbus(params: HandlerParams<'autoAssignModbus'>): Promise<ChannelResult<'autoAssignModbus'>> {
    return this.workbench.autoAssignModbus(params);
  }

  async protectSecret({ plain }: HandlerParams<'protectSecret'>): Promise<ChannelResult<'protectSecret'>> {
    if (plain === KEPT_SECRET) throw new Error('type the secret itself');
    if (!this.options.cipher)
      throw new Error(
        'this service cannot store a typed secret: headless (relaygate serve, run) secrets come from environment variables; give the variable\'s name instead',
      );
    return encryptSecret(plain, this.options.cipher);
  }

  async chooseFile({ purpose, defaultPath }: HandlerParams<'chooseFile'>): Promise<ChannelResult<'chooseFile'>> {
    if (!this.options.dialogs) throw new Error('file dialogs exist in the desktop app only; type the path of the file on the server');
    return { path: await this.options.dialogs.choose(purpose, defaultPath) };
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.events.on(event, listener);
  }

  log(level: LogLevel, source: string, message: string): void {
    this.events.emit('logEntry', this.diagnostics.add(level, source, message));
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
      project: this.projectName,
    };
  }
}
