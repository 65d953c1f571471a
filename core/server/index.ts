export type { ClientContext } from './client-context';
export {
  TRIGGER,
  leafNode,
  structNode,
  arrayNode,
  appendChild,
  specOf,
  valueOf,
  childOf,
  selectNode,
  leavesBelow,
  pathOf,
  type DataNode,
  type LeafNode,
  type StructNode,
  type ArrayNode,
  type InnerNode,
  type NodeHooks,
} from './model/data-node';
export {
  ServerDataModel,
  DEFAULT_WRITABLE_FCS,
  type ServerIdentity,
  type ChangeReason,
  type LeafChange,
  type DataModelEvents,
} from './model/data-model';
export { DATA_SET_LIMITS, type DataSet, type DataSetMember, DataSetRegistry } from './model/data-sets';
export { mmsValuesEqual } from './model/value-equality';
export { refused, WRITE_OK } from './model/write-results';
export { mmsNameOrder } from './model/order';
export { DEFAULT_SERVER_LIMITS, MIN_PDU_SIZE, SERVER_SERVICES, negotiateInitiate, type ServerLimits } from './initiate';
export { dispatch, type DispatchResult } from './dispatcher';
export { nameListPage } from './name-list';
export { ServerAssociation } from './association';
export { MmsServer, type MmsServerOptions, type MmsServerEvents, type ServerFaults } from './mms-server';
export { ReportEngine, type ReportEngineOptions } from './reports/report-engine';
export { ReportControl } from './reports/report-control';
export { rcbAttributeLeaves, type RcbConfig } from './reports/rcb-attributes';
export { ReportBuffer, DEFAULT_BUFFER_ENTRIES } from './reports/report-buffer';
export { buildReports, type ReportHeaderFields, type IncludedMember } from './reports/report-builder';
