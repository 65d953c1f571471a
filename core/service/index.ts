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
export { ServeAuth, isLoopback, SESSION_COOKIE, type ServeAuthOptions } from './serve-auth';
export { discoveredIed, iedNameOf, lnNameParts, type DiscoveredIdentity } from './discovered-ied';
export type { FileDialogs } from './gateway-service';
export type { PdfPrinter } from './evidence';
