import { z } from 'zod';
import { StatusSchema } from './status';
import { DiagnosticsSchema, GetDiagnosticsParamsSchema } from './diagnostics';
import {
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
import { SclIedParamsSchema, SclIedSchema, SclOverviewSchema, SclSourceSchema } from './scl';

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
  startRuntime: { params: NoParams, result: StatusSchema },
  stopRuntime: { params: NoParams, result: StatusSchema },
  getIedStatus: { params: NoParams, result: IedStatusListSchema },
  getPoints: { params: NoParams, result: PointsSnapshotSchema },
  getModbusClients: { params: NoParams, result: ModbusClientsSchema },
  getTraffic: { params: GetTrafficParamsSchema, result: TrafficSchema },
  /** An SCL file's overview: every IED with access points and counts, and the warnings. */
  sclOverview: { params: SclSourceSchema, result: SclOverviewSchema },
  /** One IED of an SCL file in full: model, data sets, RCBs, recommended points with coverage. */
  sclIed: { params: SclIedParamsSchema, result: SclIedSchema },
} as const;

/** Every event the service pushes to clients. */
export const events = {
  statusChanged: StatusSchema,
  ...gatewayEvents,
} as const;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelParams<K extends ChannelName> = z.input<(typeof channels)[K]['params']>;
export type ChannelResult<K extends ChannelName> = z.infer<(typeof channels)[K]['result']>;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

/** The server side: one async handler per channel. Missing one is a compile error. */
export type ServiceHandlers = {
  [K in ChannelName]: (params: z.infer<(typeof channels)[K]['params']>) => Promise<ChannelResult<K>>;
};

/** The renderer side: the one `api` object, whichever binding carries it. */
export type Api = {
  [K in ChannelName]: (params: ChannelParams<K>) => Promise<ChannelResult<K>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};
