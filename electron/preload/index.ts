import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  Api,
  ChannelName,
  ChannelParams,
  ChannelResult,
  EventName,
  EventPayload,
} from '../../core/contract';
import { callChannel, EVENT_NAMES, eventChannel, ipcErrorMessage, type IpcReply } from '../ipc-protocol';

/**
 * The page's only door to the main process: one typed method per contract channel and `on` for events,
 * exposed as `window.relaygate`. ipcRenderer itself is never exposed, so the page cannot reach any other
 * channel. Runs sandboxed with contextIsolation: it may import only 'electron' (esbuild bundles the rest).
 */
async function call<K extends ChannelName>(name: K, params: ChannelParams<K>): Promise<ChannelResult<K>> {
  const reply = (await ipcRenderer.invoke(callChannel(name), params)) as IpcReply<ChannelResult<K>>;
  if (reply.ok) return reply.result;
  throw new Error(ipcErrorMessage(reply.error.code, reply.error.message));
}

function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  if (!Object.hasOwn(EVENT_NAMES, event)) throw new Error(`unknown RelayGate event '${String(event)}'`);
  const channel = eventChannel(event);
  // Pass the payload only: the IpcRendererEvent carries `sender`, which must not reach the page.
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as EventPayload<E>);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

export const api = {
  getStatus: (params) => call('getStatus', params),
  getDiagnostics: (params) => call('getDiagnostics', params),
  openProject: (params) => call('openProject', params),
  saveProject: (params) => call('saveProject', params),
  validateProject: (params) => call('validateProject', params),
  startRuntime: (params) => call('startRuntime', params),
  stopRuntime: (params) => call('stopRuntime', params),
  getIedStatus: (params) => call('getIedStatus', params),
  getPoints: (params) => call('getPoints', params),
  getModbusClients: (params) => call('getModbusClients', params),
  getMqttStatus: (params) => call('getMqttStatus', params),
  getTraffic: (params) => call('getTraffic', params),
  getHistory: (params) => call('getHistory', params),
  sclOverview: (params) => call('sclOverview', params),
  sclIed: (params) => call('sclIed', params),
  getSession: (params) => call('getSession', params),
  discoverIed: (params) => call('discoverIed', params),
  probePoints: (params) => call('probePoints', params),
  cancelJob: (params) => call('cancelJob', params),
  newProject: (params) => call('newProject', params),
  addIeds: (params) => call('addIeds', params),
  modbusMap: (params) => call('modbusMap', params),
  autoAssignModbus: (params) => call('autoAssignModbus', params),
  protectSecret: (params) => call('protectSecret', params),
  chooseFile: (params) => call('chooseFile', params),
  verifyProject: (params) => call('verifyProject', params),
  exportReport: (params) => call('exportReport', params),
  on,
} satisfies Api;

contextBridge.exposeInMainWorld('relaygate', api);
