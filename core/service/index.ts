export { GatewayService, type GatewayServiceOptions } from './gateway-service';
export { DiagnosticsLog } from './diagnostics-log';
export { PointStream } from './point-stream';
export { WsHost, API_PATH } from './ws-host';
export { HttpHost, type HttpHostOptions } from './http-host';
