export { FCS, CONTROL_BLOCK_FCS, isFc, parseFc, type Fc } from './fc';
export { TYPE_NAMES, KNOWN_BTYPES, typeNameOfBType, isTypeName, type TypeName } from './basic-type';
export {
  parseObjectReference,
  formatObjectReference,
  toMmsAddress,
  toMmsName,
  fromMmsName,
  splitElement,
  composeLnName,
  type ObjectReference,
  type MmsName,
  type MmsAddress,
} from './object-reference';
export {
  bitAt,
  bitsToFlags,
  flagsToBits,
  setBitIndices,
  bitsToText,
  bitsFromText,
  bitsFromNames,
  type BitString,
} from './bits';
export {
  QUALITY_BITS,
  DETAIL_QUALITY_FLAGS,
  qualityFromRaw,
  qualityFromBits,
  qualityToRaw,
  qualityToBits,
  validityCode,
  formatQuality,
  type Quality,
  type QualityParts,
  type Validity,
  type DetailQualityFlag,
} from './quality';
export {
  TIME_ACCURACY_UNSPECIFIED,
  BINARY_TIME_EPOCH_MS,
  timeQualityFromByte,
  timeQualityToByte,
  isoOfEpochMs,
  timestampFromFields,
  timestampToFields,
  timestampFromBytes,
  utcTimeToBytes,
  entryTimeFromFields,
  entryTimeToFields,
  type TimeQuality,
  type Timestamp,
  type TimestampParts,
  type EntryTime,
} from './timestamp';
export { DBPOS_NAMES, dbposFromBits, dbposFromValue, dbposToBits, type Dbpos, type DbposName } from './dbpos';
export {
  BEHAVIOUR_MODE_NAMES,
  HEALTH_NAMES,
  standardEnumNames,
  enumValue,
  enumNames,
  type EnumNames,
  type EnumValue,
} from './enum-value';
