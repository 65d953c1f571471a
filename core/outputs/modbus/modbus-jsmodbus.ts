import Modbus from 'jsmodbus';

/**
 * The boundary to jsmodbus 5, the Modbus package the design card names. RelayGate decodes every request
 * ADU with jsmodbus's protocol classes (ModbusTCPRequest.fromBuffer → RequestFactory → the request body
 * of the function code) and builds every exception response with them (ExceptionResponseBody in a
 * ModbusTCPResponse). Its server loop is not used: it fails the contract (docs/MODBUS.md, "What comes
 * from jsmodbus"); RelayGate's framer has already checked the MBAP header and the frame's length.
 *
 * What jsmodbus does with hostile frames, and how this boundary takes it (modbus-jsmodbus.test.ts):
 * - a body it cannot decode gives null, with neither unit id nor function code: a read PDU shorter than
 *   5 octets (its RangeError is caught inside), a read quantity above 2000 (its constructor throws
 *   InvalidQuantity), every function code it does not know (ExceptionRequestBody's constructor throws for
 *   them). The caller then reads both from the MBAP header and answers the exception the checks give;
 * - octets after a read PDU are ignored: the caller checks the PDU's length itself;
 * - it reads with Buffer methods, so a Uint8Array would decode as null: it is given a Buffer view;
 * - ExceptionResponseBody writes `fc + 0x80` into one octet, which throws RangeError for a function code
 *   of 0x80 and above: it is given `fc & 0x7f`, whose `+ 0x80` is the `fc | 0x80` the specification wants;
 * - anything else it throws is caught here: the request counts as undecodable, never as a crash.
 */

export type JsmodbusRequest = NonNullable<ReturnType<typeof Modbus.ModbusTCPRequest.fromBuffer>>;
/** The exception codes jsmodbus knows (01, 02, 03, 0x0B among them). */
export type ExceptionCode = ConstructorParameters<typeof Modbus.responses.ExceptionResponseBody>[1];
type FunctionCode = ConstructorParameters<typeof Modbus.responses.ExceptionResponseBody>[0];

/** The complete ADU buf[at .. at+length) decoded by jsmodbus, or null when it cannot decode it. */
export function decodeRequest(buf: Uint8Array, at: number, length: number): JsmodbusRequest | null {
  // Usually the frame is a whole socket chunk, already a Buffer; otherwise a view (no copy).
  const frame = buf instanceof Buffer && at === 0 && length === buf.length ? buf : Buffer.from(buf.buffer, buf.byteOffset + at, length);
  try {
    return Modbus.ModbusTCPRequest.fromBuffer(frame);
  } catch {
    return null;
  }
}

/** The start and quantity of a decoded FC 01-04 request body, or null for any other body. */
export function readRange(request: JsmodbusRequest | null): { start: number; count: number } | null {
  const body = request?.body;
  // Looked up per call, not at load: a module-level read would make bundles that only use the map load jsmodbus.
  const r = Modbus.requests;
  if (
    body instanceof r.ReadCoilsRequestBody ||
    body instanceof r.ReadDiscreteInputsRequestBody ||
    body instanceof r.ReadHoldingRegistersRequestBody ||
    body instanceof r.ReadInputRegistersRequestBody
  ) {
    return { start: body.start, count: body.count };
  }
  return null;
}

/**
 * The exception response to the request ADU at `at`: its transaction id and unit id, function code | 0x80,
 * then the exception code. (An MBAP header's protocol id is 0: the framer closes a connection on any other.)
 */
export function exceptionAdu(buf: Uint8Array, at: number, fc: number, code: ExceptionCode): Buffer {
  const transaction = ((buf[at] ?? 0) << 8) | (buf[at + 1] ?? 0);
  // Its constructor takes any function code (it passes ignoreInvalidFunctionCode); its type lists the nine it implements.
  const body = new Modbus.responses.ExceptionResponseBody((fc & 0x7f) as FunctionCode, code);
  return new Modbus.ModbusTCPResponse(transaction, 0, body.byteCount + 1, buf[at + 6] ?? 0, body).createPayload();
}
