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
