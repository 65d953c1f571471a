export { Gateway, type GatewayOptions, type GatewayEvents, type RuntimeLogEntry } from './gateway';
export type { PointSink } from './outputs';
export { EntryIdStore } from './entry-ids';
export { DEFAULT_RUNTIME_OPTIONS, type RuntimeOptions } from './options';
export { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';
export { isoAddresses } from './ied-endpoint';
export { readProjectFile, writeProjectFile, type ProjectFile, type WriteProjectOptions } from './project-file';
export { writeFileAtomic } from './atomic-file';
export { StateFile, stateFilePath } from './state-file';
export {
  RuntimeHost,
  applyOverrides,
  type EndpointOverrides,
  type HostedOutput,
  type OutputFactory,
  type OutputContext,
  type RuntimeHostOptions,
} from './host';
export { projectOutputs } from './project-outputs';
export { probePoints, type ProbeOptions, type PointsProbe, type IdentifyOutcome } from './probe';
export { probeProject, type ProjectProbeOptions } from './probe-project';
export { isoFactoryFor, iedEndpoint } from './ied-endpoint';
export {
  PointHistory,
  type HistorySeries,
  type PointHistoryOptions,
} from './point-history';
