import Modbus from 'jsmodbus';
import { checkRequest, exceptionResponse, type RegisterImage, type Responder } from '../outputs';

/**
 * A Responder that builds each answer with jsmodbus's own classes, the way its ModbusServerResponseHandler
 * does (ModbusTCPRequest.fromBuffer → Read…ResponseBody.fromRequest over the area's Buffer →
 * ModbusTCPResponse.createPayload), behind RelayGate's connection handling and checks. The benchmark
 * runs it beside the default responder to show what jsmodbus's request/response path costs.
 */
const views = new WeakMap<RegisterImage, { holding: Buffer; input: Buffer }>();

function buffersOf(image: RegisterImage): { holding: Buffer; input: Buffer } {
  let v = views.get(image);
  if (v === undefined) {
    const view = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    v = { holding: view(image.bytes('holding')), input: view(image.bytes('input')) };
    views.set(image, v);
  }
  return v;
}

export const jsmodbusResponder: Responder = (image, buf, at, length, options) => {
  const r = checkRequest(image, buf, at, length, options);
  if (!('area' in r) || (r.area !== 'holding' && r.area !== 'input')) {
    return { response: exceptionResponse(buf, at, r.exception || 1, options.alloc), fc: r.fc, exception: r.exception || 1, start: 0, count: 0 };
  }
  const frame = Buffer.from(buf.buffer, buf.byteOffset + at, length);
  const request = Modbus.ModbusTCPRequest.fromBuffer(frame);
  if (request === null) throw new Error('jsmodbus did not parse a frame RelayGate accepted');
  const buffers = buffersOf(image);
  const body =
    r.area === 'holding'
      ? Modbus.responses.ReadHoldingRegistersResponseBody.fromRequest(request.body as never, buffers.holding)
      : Modbus.responses.ReadInputRegistersResponseBody.fromRequest(request.body as never, buffers.input);
  const response = Modbus.ModbusTCPResponse.fromRequest(request, body).createPayload();
  return { response, fc: r.fc, exception: 0, start: r.start, count: r.count };
};
