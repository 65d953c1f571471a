export { ClientError, isClientError, type ClientErrorCode } from './errors';
export { RequestEngine, type CallSpec, type RequestEngineOptions } from './request-engine';
export { TrafficTap, type TrafficRecord, type TrafficTapOptions } from './traffic-tap';
export {
  serviceErrorToClient,
  dataAccessErrorCode,
  rejectToClient,
  transportToClient,
} from './error-mapping';
export { MmsConnection } from './mms-connection';
export type {
  IsoStack,
  IsoStackEvent,
  MmsConnectionOptions,
  MmsConnectionEvents,
  ConnectionCounters,
  UndecodableReport,
  Negotiated,
} from './mms-connection-types';
export {
  IedClient,
  mmsNameOf,
  mmsVariableOf,
  type MmsRequester,
  type ReadItem,
  type ReadOptions,
  type CallOptions,
  type IedClientOptions,
  type IedClientCounters,
} from './ied-client';
export {
  discoverModel,
  type DiscoveredModel,
  type DiscoveredLeaf,
  type DiscoveredLn,
  type DiscoveredDataSet,
  type DiscoveredRcb,
  type DiscoveryProgress,
  type DiscoveryOptions,
} from './discovery';
export { leavesOfLn, leafType } from './leaves';
export { DiscoveryBudget, typeNodes, type DiscoveryCounters } from './discovery-budget';
export {
  DEFAULT_NAME_LIST_LIMITS,
  DEFAULT_DISCOVERY_LIMITS,
  LimitError,
  isLimitError,
  type NameListLimits,
  type DiscoveryLimits,
  type LimitContext,
} from './limits';
export { openIed, type IedEndpoint, type IedSession, type IsoStackFactory } from './connect';
export { benchReads, type BenchMode, type BenchResult, type BenchOptions } from './read-bench';
export {
  ReportSubscription,
  type SubscriptionOptions,
  type SubscriptionEvents,
  type SubscriptionCounters,
  type ReportSource,
} from './report-subscription';
export { isoStackFor } from './iso-stack';
export { readRcbInstances, rcbHolding, type RcbInstance, type RcbHolding } from './rcb-instances';
export { SlicedQueue, TimeSlice, DEFAULT_SLICE_MS, type SlicedQueueOptions } from './sliced-queue';
