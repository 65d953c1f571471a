export { GatewayService, type GatewayServiceOptions } from './gateway-service';
export { DiagnosticsLog } from './diagnostics-log';
export { PointStream } from './point-stream';
export {
  WsHost,
  API_PATH,
  DEFAULT_MAX_SEND_BUFFER_BYTES,
  type WsHostOptions,
  type WsHostCounters,
} from './ws-host';
export { HttpHost, type HttpHostOptions } from './http-host';
