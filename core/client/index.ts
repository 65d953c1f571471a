export { ClientError, isClientError, type ClientErrorCode } from './errors';
export { RequestEngine, type CallSpec, type RequestEngineOptions } from './request-engine';
export { TrafficTap, type TrafficRecord, type TrafficTapOptions } from './traffic-tap';
