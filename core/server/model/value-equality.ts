import type { MmsValue } from '../../mms';
import { bytesEqual } from '../../shared';

/** Whether two MMS values are the same (type, and every member and element, recursively). */
export function mmsValuesEqual(a: MmsValue, b: MmsValue): boolean {
  switch (a.type) {
    case 'boolean':
    case 'visible-string':
    case 'mms-string':
      return b.type === a.type && b.value === a.value;
    case 'integer':
    case 'unsigned':
      return b.type === a.type && BigInt(b.value) === BigInt(a.value);
    case 'float':
      return b.type === 'float' && b.width === a.width && Object.is(b.value, a.value);
    case 'bit-string':
      return b.type === 'bit-string' && b.bitLength === a.bitLength && bytesEqual(b.bytes, a.bytes);
    case 'octet-string':
      return b.type === 'octet-string' && bytesEqual(b.value, a.value);
    case 'utc-time':
      return b.type === 'utc-time' && b.seconds === a.seconds && b.fraction === a.fraction && b.quality === a.quality;
    case 'binary-time':
      return b.type === 'binary-time' && b.msOfDay === a.msOfDay && b.days === a.days;
    case 'structure':
      return b.type === 'structure' && b.members.length === a.members.length && a.members.every((m, i) => mmsValuesEqual(m, b.members[i]!));
    case 'array':
      return b.type === 'array' && b.elements.length === a.elements.length && a.elements.every((e, i) => mmsValuesEqual(e, b.elements[i]!));
  }
}
