export {
  DATA_ACCESS_ERRORS,
  dataAccessError,
  formatMmsValue,
  type MmsValue,
  type MmsValueType,
  type DataAccessError,
  type DataAccessErrorName,
  type AccessResult,
} from './value';
export { DataTag, decodeData, decodeDataBytes, writeData, encodeData } from './data-codec';
export {
  domainName,
  formatObjectName,
  writeObjectName,
  decodeObjectName,
  type ObjectName,
} from './object-name';
export {
  decodeTypeSpec,
  writeTypeSpec,
  encodeTypeSpec,
  componentOf,
  type MmsTypeSpec,
  type MmsComponent,
} from './type-spec';
export {
  MmsError,
  isMmsError,
  ERROR_CLASSES,
  serviceError,
  serviceErrorByName,
  rejectReason,
  type MmsErrorCode,
  type ServiceError,
  type RejectReason,
} from './errors';
export { type VariableAccess, type VariableName } from './variable-access';
export {
  MAX_ACCESS_STEPS,
  alternateAccessSize,
  formatAlternateAccess,
  selectType,
  type AccessStep,
  type AlternateAccess,
} from './alternate-access';
export {
  SERVICE_BITS,
  IEC61850_PARAMETER_CBB,
  IEC61850_SERVICES,
  servicesSupported,
  supportsService,
  supportedServiceNames,
  negotiatedLimits,
  defaultInitiateRequest,
  type InitiateParameters,
  type NegotiatedLimits,
  type ServiceName,
} from './services/initiate';
export {
  OBJECT_CLASS,
  type ObjectClassName,
  type GetNameListRequest,
  type GetNameListResponse,
} from './services/get-name-list';
export type { IdentifyResponse } from './services/identify';
export { readVariables, type ReadRequest, type ReadResponse } from './services/read';
export type { WriteRequest, WriteResult } from './services/write';
export type { VariableAttributes, NamedVariableListAttributes } from './services/variable-attributes';
export type { InformationReport } from './services/information-report';
export {
  ServiceTag,
  type ServiceKind,
  type ConfirmedRequest,
  type ConfirmedResponse,
} from './services/confirmed';
export {
  DELETE_SCOPES,
  type DeleteScope,
  type DefineNamedVariableListRequest,
  type DeleteNamedVariableListRequest,
  type DeleteNamedVariableListResponse,
} from './services/named-variable-list';
export {
  readRequestSize,
  readResponseSize,
  dataSizeBound,
  objectNameSize,
  splitReadByPduSize,
  type ReadSizeOptions,
  type ReadSplitOptions,
  type ReadBatch,
} from './services/read-size';
export {
  decodeMmsPdu,
  encodeMmsPdu,
  peekInvokeId,
  encodeConfirmedRequest,
  encodeConfirmedResponse,
  encodeConfirmedError,
  encodeInformationReport,
  encodeReject,
  encodeInitiateRequest,
  encodeInitiateResponse,
  encodeInitiateError,
  encodeConclude,
  encodeConcludeError,
  encodeCancel,
  encodeCancelError,
  type MmsPdu,
  type MmsPduKind,
} from './pdu';
export { summarizeMmsPdu, summarizeRequest } from './summary';
export { formatTypeSpec, typeMismatch } from './type-spec';
