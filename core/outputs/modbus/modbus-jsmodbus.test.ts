import Modbus from 'jsmodbus';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../shared';
import { decodeRequest, exceptionAdu, readRange } from './modbus-jsmodbus';

/**
 * What jsmodbus's protocol classes make of good and hostile request ADUs, and how the boundary takes
 * it. These pin jsmodbus 5's behaviour: if an update changes it, the checks in modbus-pdu.ts that rely
 * on it must be looked at again.
 */
const adu = (hex: string) => fromHex(hex.replace(/ /g, ''));
const decode = (hex: string) => {
  const bytes = adu(hex);
  return decodeRequest(bytes, 0, bytes.length);
};

describe('decodeRequest (jsmodbus ModbusTCPRequest.fromBuffer)', () => {
  it.each([
    ['FC01', '0001 0000 0006 07 01 0003 000a', 1, { start: 3, count: 10 }],
    ['FC02', '0001 0000 0006 07 02 0000 07d0', 2, { start: 0, count: 2000 }],
    ['FC03', '0001 0000 0006 07 03 ffff 0001', 3, { start: 0xffff, count: 1 }],
    ['FC04', '0001 0000 0006 07 04 000a 0000', 4, { start: 10, count: 0 }],
  ])('decodes an %s read: unit id, function code, start and quantity', (_, hex, fc, range) => {
    const request = decode(hex);
    expect(request?.unitId).toBe(7);
    expect(request?.body.fc).toBe(fc);
    expect(readRange(request)).toEqual(range);
  });

  it.each([
    ['FC05', '0001 0000 0006 01 05 000a ff00', 'WriteSingleCoil'],
    ['FC06', '0001 0000 0006 01 06 000a 1234', 'WriteSingleRegister'],
    ['FC15', '0001 0000 0008 01 0f 000a 0003 01 05', 'WriteMultipleCoils'],
    ['FC16', '0001 0000 0009 01 10 000a 0001 02 1234', 'WriteMultipleRegisters'],
  ])('recognises an %s write, which has no read range', (_, hex, name) => {
    const request = decode(hex);
    expect(request?.body.name).toBe(name);
    expect(readRange(request)).toBeNull();
  });

  it.each([
    ['a read PDU shorter than 5 octets', '0001 0000 0004 01 03 000a'],
    ['an FC03 quantity of 2001 (its constructor throws InvalidQuantity)', '0001 0000 0006 01 03 0000 07d1'],
    ['an FC01 quantity of 65535', '0001 0000 0006 01 01 0000 ffff'],
    ['FC 0x07, which it does not implement (its ExceptionRequestBody throws)', '0001 0000 0002 01 07'],
    ['FC 0x17, read/write multiple registers', '0001 0000 000b 01 17 0000 0001 0000 0001 02 0000'],
    ['FC 0x41, above the codes it knows', '0001 0000 0002 01 41'],
    ['FC 0x81, an exception code as a request', '0001 0000 0002 01 81'],
    ['an FC15 whose values are shorter than its quantity', '0001 0000 0007 01 0f 000a 0010 01'],
  ])('gives null for %s', (_, hex) => {
    expect(decode(hex)).toBeNull();
  });

  it('ignores octets after a read PDU (the caller checks the length itself)', () => {
    expect(readRange(decode('0001 0000 0008 01 03 000a 0002 ffff'))).toEqual({ start: 10, count: 2 });
  });

  it('decodes a frame inside a larger Uint8Array, which jsmodbus alone cannot read', () => {
    const chunk = adu('ffff ffff' + '002a 0000 0006 01 03 000a 0002' + 'ff');
    expect(chunk).not.toBeInstanceOf(Buffer);
    expect(Modbus.ModbusTCPRequest.fromBuffer(chunk.subarray(4, 16) as Buffer)).toBeNull();
    const request = decodeRequest(chunk, 4, 12);
    expect(request?.id).toBe(0x2a);
    expect(readRange(request)).toEqual({ start: 10, count: 2 });
  });
});

describe('exceptionAdu (jsmodbus ExceptionResponseBody in a ModbusTCPResponse)', () => {
  it.each([
    ['01 for FC06', '1234 0000 0006 01 06 000a 0001', 6, 1, '1234 0000 0003 01 86 01'],
    ['02 for FC03', '0008 0000 0006 05 03 000b 0002', 3, 2, '0008 0000 0003 05 83 02'],
    ['03 for FC01', '000b 0000 0006 01 01 0003 07d1', 1, 3, '000b 0000 0003 01 81 03'],
    ['0B for FC04', 'beef 0000 0006 02 04 0000 0001', 4, 11, 'beef 0000 0003 02 84 0b'],
    ['01 for FC 0x41', '0007 0000 0002 01 41', 0x41, 1, '0007 0000 0003 01 c1 01'],
    ['01 for FC 0x81', '0007 0000 0002 01 81', 0x81, 1, '0007 0000 0003 01 81 01'],
  ] as const)('answers %s with the transaction and unit id of the request', (_, request, fc, code, answer) => {
    expect(toHex(exceptionAdu(adu(request), 0, fc, code))).toBe(answer.replace(/ /g, ''));
  });

  it('masks a function code of 0x80 and above, on which jsmodbus itself throws', () => {
    expect(() => new Modbus.responses.ExceptionResponseBody(0x81 as never, 1).createPayload()).toThrow(RangeError);
    expect(toHex(exceptionAdu(adu('0001 0000 0002 01 ff'), 0, 0xff, 1))).toBe('000100000003' + '01ff01');
  });
});
