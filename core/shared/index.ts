export { RelayGateError, errorMessage, type ErrorLayer } from './errors';
export { TypedEmitter, type Listener } from './emitter';
export { RingBuffer } from './ring-buffer';
export { toHex, fromHex, hexdump, concatBytes, bytesEqual } from './hex';
