import {
  channels,
  describeIssues,
  eventNames,
  type ChannelName,
  type ChannelResult,
  type EventName,
  type EventPayload,
  type ServiceHandlers,
} from '../../core/contract';
import { errorMessage } from '../../core/shared';
import { callChannel, eventChannel, type IpcReply } from '../ipc-protocol';

/** The part of Electron's IpcMainInvokeEvent the table looks at. */
export interface InvokeEventLike {
  senderFrame?: { url: string } | null;
}

/** The part of Electron's ipcMain the table uses, so it can be tested without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** One entry per contract channel: validates raw params from the page, calls the service, wraps the outcome. */
export type IpcHandlerTable = {
  [K in ChannelName]: (rawParams: unknown) => Promise<IpcReply<ChannelResult<K>>>;
};

type ParamsOf<K extends ChannelName> = Parameters<ServiceHandlers[K]>[0];

/**
 * Validates with the channel's zod schema (the same one the WebSocket binding applies), then calls the
 * handler. Nothing the page sends can throw out of here: every failure becomes an error reply.
 */
function bind<K extends ChannelName>(
  name: K,
  handler: (params: ParamsOf<K>) => Promise<ChannelResult<K>>,
): (rawParams: unknown) => Promise<IpcReply<ChannelResult<K>>> {
  return async (rawParams) => {
    const parsed = channels[name].params.safeParse(rawParams ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad-params', message: `${name} params: ${describeIssues(parsed.error)}` },
      };
    }
    try {
      return { ok: true, result: await handler(parsed.data as ParamsOf<K>) };
    } catch (err) {
      return {
        ok: false,
        // The same text the WebSocket binding sends: a RelayGateError's one line (layer/code, file:line).
        error: { code: 'handler-failed', message: errorMessage(err) },
      };
    }
  };
}

/** The IPC binding of the service. A contract channel missing here is a compile error (`satisfies`). */
export function ipcHandlerTable(service: ServiceHandlers): IpcHandlerTable {
  return {
    getStatus: bind('getStatus', (params) => service.getStatus(params)),
    getDiagnostics: bind('getDiagnostics', (params) => service.getDiagnostics(params)),
    openProject: bind('openProject', (params) => service.openProject(params)),
    saveProject: bind('saveProject', (params) => service.saveProject(params)),
    validateProject: bind('validateProject', (params) => service.validateProject(params)),
    startRuntime: bind('startRuntime', (params) => service.startRuntime(params)),
    stopRuntime: bind('stopRuntime', (params) => service.stopRuntime(params)),
    getIedStatus: bind('getIedStatus', (params) => service.getIedStatus(params)),
    getPoints: bind('getPoints', (params) => service.getPoints(params)),
    getModbusClients: bind('getModbusClients', (params) => service.getModbusClients(params)),
    getMqttStatus: bind('getMqttStatus', (params) => service.getMqttStatus(params)),
    getTraffic: bind('getTraffic', (params) => service.getTraffic(params)),
    getHistory: bind('getHistory', (params) => service.getHistory(params)),
    sclOverview: bind('sclOverview', (params) => service.sclOverview(params)),
    sclIed: bind('sclIed', (params) => service.sclIed(params)),
    getSession: bind('getSession', (params) => service.getSession(params)),
    discoverIed: bind('discoverIed', (params) => service.discoverIed(params)),
    probePoints: bind('probePoints', (params) => service.probePoints(params)),
    cancelJob: bind('cancelJob', (params) => service.cancelJob(params)),
    newProject: bind('newProject', (params) => service.newProject(params)),
    addIeds: bind('addIeds', (params) => service.addIeds(params)),
    modbusMap: bind('modbusMap', (params) => service.modbusMap(params)),
    autoAssignModbus: bind('autoAssignModbus', (params) => service.autoAssignModbus(params)),
    protectSecret: bind('protectSecret', (params) => service.protectSecret(params)),
    chooseFile: bind('chooseFile', (params) => service.chooseFile(params)),
    verifyProject: bind('verifyProject', (params) => service.verifyProject(params)),
    exportReport: bind('exportReport', (params) => service.exportReport(params)),
  } satisfies IpcHandlerTable;
}

/**
 * Registers one ipcMain.handle per channel. Calls from a frame that is not the app's own page (for
 * example an injected iframe) are refused. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(
  ipc: IpcMainLike,
  table: IpcHandlerTable,
  isTrustedSender: (event: InvokeEventLike) => boolean,
): () => void {
  const names = Object.keys(table) as ChannelName[];
  for (const name of names) {
    const handler = table[name] as (raw: unknown) => Promise<IpcReply<unknown>>;
    ipc.handle(callChannel(name), async (event, rawParams): Promise<IpcReply<unknown>> => {
      if (!isTrustedSender(event)) {
        const url = event.senderFrame?.url ?? 'an unknown frame';
        return {
          ok: false,
          error: { code: 'untrusted-sender', message: `${name} refused: called from ${url}` },
        };
      }
      return handler(rawParams);
    });
  }
  return () => names.forEach((name) => ipc.removeHandler(callChannel(name)));
}

/** The service's event source, as GatewayService provides it. */
export interface EventSource {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Forwards every contract event to the page (webContents.send). Returns the unsubscribe function. */
export function forwardEvents(
  source: EventSource,
  send: (channel: string, payload: unknown) => void,
): () => void {
  const unsubscribers = eventNames.map((event) =>
    source.on(event, (payload) => send(eventChannel(event), payload)),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
