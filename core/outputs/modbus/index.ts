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
export { STATUS, QUALITY_UNKNOWN, VALIDITY_CODE, statusWord } from './register-map-status';
export { MAP_COLUMNS, mapCsv, mapRows, mapTable, type MapRow } from './register-map-csv';
export { AREA_SIZE, COMPANION_LENGTH, TYPE_LENGTH, MODBUS_TYPES_FOR, isBitArea, isScaledType, modicon, registerRange } from './register-map-layout';
export { scaleValue, type ScaleSpec } from './register-map-codec';
export { ModbusTcpServer, DEFAULT_CONNECTION_LIMITS, type ModbusServerSettings, type ModbusServerStats, type ModbusServerEvents } from './modbus-server';
export type { ModbusClientInfo, ConnectionLimits } from './modbus-connection';
export { EXCEPTION, MAX_ADU, checkRequest, serveFrame, type CheckedRequest, type Responder, type Served, type ServeOptions } from './modbus-pdu';
export { decodeRequest, exceptionAdu, readRange, type ExceptionCode, type JsmodbusRequest } from './modbus-jsmodbus';
export { startModbusOutput, registerMapOf, ModbusMapError, type ModbusOutput, type ModbusOutputOptions } from './modbus-output';
