import Modbus from 'jsmodbus';
import { checkRequest, exceptionAdu, type RegisterImage, type Responder } from '../outputs';

/**
 * A Responder that builds each normal FC 03/04 answer with jsmodbus's response classes too, the way its
 * ModbusServerResponseHandler does (Read…ResponseBody.fromRequest over the area's Buffer →
 * ModbusTCPResponse.createPayload), behind RelayGate's connection handling, jsmodbus decoding and checks.
 * The benchmark runs it beside the product's responder (serveFrame: the answer straight from the image)
 * to show what jsmodbus's response path costs.
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
    const exception = r.exception || 1;
    return { response: exceptionAdu(buf, at, r.fc, exception), fc: r.fc, exception, start: 0, count: 0 };
  }
  const buffers = buffersOf(image);
  const body =
    r.area === 'holding'
      ? Modbus.responses.ReadHoldingRegistersResponseBody.fromRequest(r.request.body as never, buffers.holding)
      : Modbus.responses.ReadInputRegistersResponseBody.fromRequest(r.request.body as never, buffers.input);
  const response = Modbus.ModbusTCPResponse.fromRequest(r.request, body).createPayload();
  return { response, fc: r.fc, exception: 0, start: r.start, count: r.count };
};
