export { verifyProject, type VerifyOptions } from './verify-project';
export { verifyChecklist } from './checklist';
export { decodeRegisters, valueBytes, hexWords } from './register-decode';
export { driveValue, type Driven, type DriveInput } from './drive-values';
export { clientMapFromCsv } from './client-map';
export { planRequests, type Span } from './modbus-reader';
