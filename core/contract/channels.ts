import { z } from 'zod';
import { StatusSchema } from './status';
import { DiagnosticsSchema, GetDiagnosticsParamsSchema } from './diagnostics';
import {
  GetHistoryParamsSchema,
  GetPointsParamsSchema,
  HistorySchema,
  GetTrafficParamsSchema,
  IedStatusListSchema,
  ModbusClientsSchema,
  OpenProjectParamsSchema,
  OpenProjectResultSchema,
  PointsSnapshotSchema,
  SaveProjectParamsSchema,
  SaveProjectResultSchema,
  TrafficSchema,
  ValidateProjectParamsSchema,
  ValidateProjectResultSchema,
  gatewayEvents,
} from './gateway-api';
import { MqttStatusSchema } from './mqtt';
import { SclIedParamsSchema, SclIedSchema, SclOverviewSchema, SclSourceSchema } from './scl';
import {
  AddIedsParamsSchema,
  AddIedsResultSchema,
  AutoAssignParamsSchema,
  AutoAssignResultSchema,
  CancelJobParamsSchema,
  CancelJobResultSchema,
  ChooseFileParamsSchema,
  ChooseFileResultSchema,
  DiscoverIedParamsSchema,
  DiscoverIedResultSchema,
  ModbusMapParamsSchema,
  NewProjectParamsSchema,
  ModbusMapResultSchema,
  ProbePointsParamsSchema,
  ProbePointsResultSchema,
  ProtectSecretParamsSchema,
  SessionSchema,
  StartRuntimeParamsSchema,
  workbenchEvents,
} from './workbench';
import { ProjectSchema, SecretRefSchema } from './project';
import { shellEvents } from './shell';
import { ExportReportParamsSchema, ExportReportResultSchema } from './report';
import { VerifyProjectParamsSchema, VerifyReportSchema } from './verify';

const NoParams = z.object({}).strict();

/**
 * Every request/response channel of the service API, declared once. The TypeScript types, the runtime
 * validation of arriving requests, the Electron IPC handlers and the preload methods all derive from
 * this table, so a channel without a handler is a compile error in each binding.
 */
export const channels = {
  getStatus: { params: NoParams, result: StatusSchema },
  getDiagnostics: { params: GetDiagnosticsParamsSchema, result: DiagnosticsSchema },
  openProject: { params: OpenProjectParamsSchema, result: OpenProjectResultSchema },
  saveProject: { params: SaveProjectParamsSchema, result: SaveProjectResultSchema },
  validateProject: { params: ValidateProjectParamsSchema, result: ValidateProjectResultSchema },
  /** Starts the runtime on the open project, or on the project given (as edited in the UI). */
  startRuntime: { params: StartRuntimeParamsSchema, result: StatusSchema },
  stopRuntime: { params: NoParams, result: StatusSchema },
  getIedStatus: { params: NoParams, result: IedStatusListSchema },
  /** The points' states now, all or a page (offset, limit). */
  getPoints: { params: GetPointsParamsSchema, result: PointsSnapshotSchema },
  getModbusClients: { params: NoParams, result: ModbusClientsSchema },
  /** The MQTT publisher: broker connection, counters (sent, acknowledged, queued, dropped, …), last messages. */
  getMqttStatus: { params: NoParams, result: MqttStatusSchema },
  /** One IED's MMS PDUs after a sequence number, each with its frame in hex and its decoded tree. */
  getTraffic: { params: GetTrafficParamsSchema, result: TrafficSchema },
  /** Recent samples of analog points, from the runtime's bounded history (Trends). */
  getHistory: { params: GetHistoryParamsSchema, result: HistorySchema },
  /** An SCL file's overview: every IED with access points and counts, and the warnings. */
  sclOverview: { params: SclSourceSchema, result: SclOverviewSchema },
  /** One IED of an SCL file in full: model, data sets, RCBs, recommended points with coverage. */
  sclIed: { params: SclIedParamsSchema, result: SclIedSchema },
  /** The caller's role and what this host offers (file dialogs, encrypted secrets). */
  getSession: { params: NoParams, result: SessionSchema },
  /** Associates with a live IED and browses its model, with jobProgress events; cancelJob stops it. */
  discoverIed: { params: DiscoverIedParamsSchema, result: DiscoverIedResultSchema },
  /** Reads points once from a live IED in batches, with jobProgress events, and each LD's Mod/Beh. */
  probePoints: { params: ProbePointsParamsSchema, result: ProbePointsResultSchema },
  cancelJob: { params: CancelJobParamsSchema, result: CancelJobResultSchema },
  /** An empty project with every default filled in (nothing is opened or written). */
  newProject: { params: NewProjectParamsSchema, result: ProjectSchema },
  /** The wizard's IEDs and points added to a project (report plans chosen, ids made unique). */
  addIeds: { params: AddIedsParamsSchema, result: AddIedsResultSchema },
  /** The Modbus map's problems (overlaps, out of range, types) and its CSV. */
  modbusMap: { params: ModbusMapParamsSchema, result: ModbusMapResultSchema },
  /** Places unmapped points in registers (CONVENTIONS.md suggested layout); only when asked. */
  autoAssignModbus: { params: AutoAssignParamsSchema, result: AutoAssignResultSchema },
  /** A secret typed in the UI as a SecretRef to store (desktop: encrypted with safeStorage). */
  protectSecret: { params: ProtectSecretParamsSchema, result: SecretRefSchema },
  /** A native file dialog (desktop only). */
  chooseFile: { params: ChooseFileParamsSchema, result: ChooseFileResultSchema },
  /** The point-to-point check of a project (as `relaygate verify`), as a job with jobProgress; cancelJob stops it. */
  verifyProject: { params: VerifyProjectParamsSchema, result: VerifyReportSchema },
  /** The FAT/SAT evidence report (as `relaygate report`), as a job with jobProgress; cancelJob stops it. */
  exportReport: { params: ExportReportParamsSchema, result: ExportReportResultSchema },
} as const;

/**
 * Channels that change something (the project, the runtime, IEDs contacted, files read or written):
 * an operator's. A viewer may call every other channel.
 */
export const OPERATOR_CHANNELS: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'openProject',
  'saveProject',
  'startRuntime',
  'stopRuntime',
  'sclOverview',
  'sclIed',
  'discoverIed',
  'probePoints',
  'cancelJob',
  'protectSecret',
  'chooseFile',
  'verifyProject',
  'exportReport',
]);

/** Every event the service pushes to clients. */
export const events = {
  statusChanged: StatusSchema,
  ...gatewayEvents,
  ...workbenchEvents,
  ...shellEvents,
} as const;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelParams<K extends ChannelName> = z.input<(typeof channels)[K]['params']>;
/** Params as a handler gets them: validated, defaults filled in. */
export type HandlerParams<K extends ChannelName> = z.infer<(typeof channels)[K]['params']>;
export type ChannelResult<K extends ChannelName> = z.infer<(typeof channels)[K]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

/** The server side: one async handler per channel. Missing one is a compile error. */
export type ServiceHandlers = {
  [K in ChannelName]: (params: HandlerParams<K>) => Promise<ChannelResult<K>>;
};

/** The renderer side: the one `api` object, whichever binding carries it. */
export type Api = {
  [K in ChannelName]: (params: ChannelParams<K>) => Promise<ChannelResult<K>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
