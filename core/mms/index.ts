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
