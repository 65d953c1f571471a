export { ClientError, isClientError, type ClientErrorCode } from './errors';
export { RequestEngine, type CallSpec, type RequestEngineOptions } from './request-engine';
export { TrafficTap, type TrafficRecord, type TrafficTapOptions } from './traffic-tap';
export {
  serviceErrorToClient,
  dataAccessErrorCode,
  rejectToClient,
  transportToClient,
} from './error-mapping';
export {
  MmsConnection,
  type IsoStack,
  type IsoStackEvent,
  type MmsConnectionOptions,
  type MmsConnectionEvents,
  type Negotiated,
} from './mms-connection';
export {
  IedClient,
  mmsNameOf,
  mmsVariableOf,
  type MmsRequester,
  type ReadItem,
  type ReadOptions,
} from './ied-client';
export {
  discoverModel,
  leavesOfLn,
  leafType,
  type DiscoveredModel,
  type DiscoveredLeaf,
  type DiscoveredLn,
  type DiscoveredDataSet,
  type DiscoveredRcb,
  type DiscoveryProgress,
} from './discovery';
export { openIed, type IedEndpoint, type IedSession, type IsoStackFactory } from './connect';
export { benchReads, type BenchMode, type BenchResult, type BenchOptions } from './read-bench';
export {
  ReportSubscription,
  type SubscriptionOptions,
  type SubscriptionEvents,
  type ReportSource,
} from './report-subscription';
export { isoStackFor } from './iso-stack';
export { readRcbInstances, rcbHolding, formatOwner, type RcbInstance, type RcbHolding } from './rcb-instances';
