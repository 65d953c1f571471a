export { IsoError, isIsoError, type IsoErrorCode } from './errors';
export * from './tpkt';
export * from './cotp';
export * from './cotp-connection';
export * from './session';
export { encodeSessionLength } from './session-params';
export * from './selectors';
