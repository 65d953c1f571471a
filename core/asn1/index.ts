export { Asn1Error, type Asn1ErrorCode } from './errors';
export { TagClass, UniversalTag, formatTag } from './tag';
export { DEFAULT_BER_LIMITS, type BerLimits } from './limits';
export { BerReader, type BerReaderOptions, type Tlv } from './reader';
export {
  decodeBoolean,
  decodeNull,
  decodeInteger,
  decodeBigInteger,
  decodeUnsigned,
  decodeBigUnsigned,
  decodeBitString,
  decodeOctetString,
  decodeVisibleString,
  decodeLatin1String,
  decodeUtf8String,
  decodeObjectIdentifier,
  decodeMmsFloat,
  decodeUtcTime,
  decodeBinaryTime,
  type BitStringValue,
  type UtcTimeValue,
  type BinaryTimeValue,
} from './primitives';
export { BerWriter, integerContents, bitStringContents, objectIdentifierContents } from './writer';
