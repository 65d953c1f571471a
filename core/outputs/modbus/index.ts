export {
  compileRegisterMap,
  ownedRanges,
  pointKey,
  type MapProblem,
  type MapProblemCode,
  type MappedCompanion,
  type MappedPoint,
  type RegisterMap,
} from './register-map';
export { autoAssignModbus, suggestModbus, DEFAULT_BLOCK_SIZE, type AutoAssignOptions, type AutoAssignResult } from './register-map-assign';
export { RegisterImage, initialPointState } from './register-map-image';
export { STATUS, QUALITY_UNKNOWN, statusWord } from './register-map-status';
export { MAP_COLUMNS, mapCsv, mapRows, mapTable, type MapRow } from './register-map-csv';
export { AREA_SIZE, COMPANION_LENGTH, TYPE_LENGTH, isBitArea, modicon } from './register-map-layout';
