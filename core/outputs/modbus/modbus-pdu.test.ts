import { describe, expect, it } from 'vitest';
import { PointConfigSchema } from '../../contract';
import { fromHex, toHex } from '../../shared';
import { frameLength, serveFrame } from './modbus-pdu';
import { compileRegisterMap } from './register-map';
import { RegisterImage, initialPointState } from './register-map-image';

const { map } = compileRegisterMap(
  [
    { id: 'F', type: 'float32', modbus: { area: 'holding', address: 10, type: 'float32' } },
    { id: 'I', type: 'dbpos', modbus: { area: 'input', address: 0, type: 'dbpos' } },
    ...Array.from({ length: 10 }, (_, i) => ({ id: `C${i}`, type: 'boolean', modbus: { area: 'coil', address: 3 + i, type: 'bool' } })),
    { id: 'D', type: 'boolean', modbus: { area: 'discrete', address: 0, type: 'bool' } },
  ].map((p) => PointConfigSchema.parse({ ...p, ied: 'ied1', ref: `LD0/GGIO1.${p.id}.stVal`, fc: 'ST', source: 'poll' })),
);
const image = new RegisterImage(map);
const put = (id: string, numeric: number) => image.apply({ ...initialPointState(map.byKey.get(`ied1/${id}`)!), status: 'ok', numeric }, 0);
put('F', 1.5);
put('I', 2);
[1, 0, 1, 1, 0, 0, 0, 0, 1, 1].forEach((bit, i) => put(`C${i}`, bit));

const OPTIONS = { unitId: 1, checkUnitId: true, fillGaps: false };

/** Request and answer ADUs in hex: transaction id, protocol, length, unit, then the PDU. */
const CASES: [string, string, string][] = [
  ['FC03 float32', '1234 0000 0006 01 03 000a 0002', '1234 0000 0007 01 03 04 3fc00000'],
  ['FC04 dbpos', '0001 0000 0006 01 04 0000 0001', '0001 0000 0005 01 04 02 0002'],
  ['FC01 ten coils from 3, LSB first', '0002 0000 0006 01 01 0003 000a', '0002 0000 0005 01 01 02 0d03'],
  ['FC02 one discrete input', '0003 0000 0006 01 02 0000 0001', '0003 0000 0004 01 02 01 00'],
  ['FC06 write: illegal function', '0004 0000 0006 01 06 000a 0001', '0004 0000 0003 01 86 01'],
  ['FC16 write: illegal function', '0005 0000 0009 01 10 000a 0001 02 0001', '0005 0000 0003 01 90 01'],
  ['FC 0x2B: illegal function', '0006 0000 0005 01 2b 0e 01 00', '0006 0000 0003 01 ab 01'],
  ['FC 0x81: illegal function', '0007 0000 0002 01 81', '0007 0000 0003 01 81 01'],
  ['unmapped register: illegal address', '0008 0000 0006 01 03 000b 0002', '0008 0000 0003 01 83 02'],
  ['past 65535: illegal address', '0009 0000 0006 01 03 ffff 0002', '0009 0000 0003 01 83 02'],
  ['126 registers: illegal value', '000a 0000 0006 01 03 000a 007e', '000a 0000 0003 01 83 03'],
  ['2001 bits: illegal value', '000b 0000 0006 01 01 0003 07d1', '000b 0000 0003 01 81 03'],
  ['0 registers: illegal value', '000c 0000 0006 01 04 0000 0000', '000c 0000 0003 01 84 03'],
  ['a read with a short PDU: illegal value', '000d 0000 0004 01 03 000a', '000d 0000 0003 01 83 03'],
  ['unit 2: gateway target failed', '000e 0000 0006 02 03 000a 0002', '000e 0000 0003 02 83 0b'],
  ['unit 2 writing: still 0x0B first', '000f 0000 0006 02 06 000a 0001', '000f 0000 0003 02 86 0b'],
  // Frames jsmodbus decodes as null or leniently (modbus-jsmodbus.ts): the checks still answer them right.
  ['2001 registers, no body from jsmodbus: illegal value', '0010 0000 0006 01 03 000a 07d1', '0010 0000 0003 01 83 03'],
  ['a read with octets past its PDU: illegal value', '0011 0000 0008 01 03 000a 0002 ffff', '0011 0000 0003 01 83 03'],
  ['FC 0x07, no body from jsmodbus: illegal function', '0012 0000 0002 01 07', '0012 0000 0003 01 87 01'],
  ['unit 2 with a body jsmodbus cannot decode: 0x0B first', '0013 0000 0004 02 03 000a', '0013 0000 0003 02 83 0b'],
];

describe('serveFrame', () => {
  it.each(CASES)('%s', (_, request, answer) => {
    const req = fromHex(request.replace(/ /g, ''));
    expect(frameLength(req, 0, req.length)).toBe(req.length);
    expect(toHex(serveFrame(image, req, 0, req.length, OPTIONS).response)).toBe(answer.replace(/ /g, ''));
  });

  it('answers gaps with zeros when fillGaps is on, and any unit when checking is off', () => {
    const req = fromHex('00100000000602030009000401');
    const served = serveFrame(image, req, 0, 12, { unitId: 1, checkUnitId: false, fillGaps: true });
    expect(toHex(served.response)).toBe('00100000000b020308' + '0000' + '3fc00000' + '0000');
    expect(served).toMatchObject({ fc: 3, exception: 0, start: 9, count: 4 });
  });

  it('reads a frame at an offset inside a larger chunk', () => {
    const chunk = fromHex('ffff' + '002a 0000 0006 01 03 000a 0002'.replace(/ /g, ''));
    expect(frameLength(chunk, 2, chunk.length)).toBe(12);
    expect(toHex(serveFrame(image, chunk, 2, 12, OPTIONS).response)).toBe('002a00000007010304' + '3fc00000');
  });
});

describe('frameLength', () => {
  it.each([
    ['nothing yet', '', 0],
    ['a truncated header', '00010000', 0],
    ['a header without its PDU', '000100000006', 0],
    ['a whole read request', '000100000006010300000001', 12],
    ['length 0', '000100000000', -1],
    ['length 1', '00010000000101', -1],
    ['length 255', '0001000000ff', -1],
    ['length 65535', '00010000ffff', -1],
    ['protocol 1', '000100010006010300000001', -1],
  ])('%s', (_, hex, length) => {
    const bytes = fromHex(hex);
    expect(frameLength(bytes, 0, bytes.length)).toBe(length);
  });
});
