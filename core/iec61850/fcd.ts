import type { Quality } from './quality';
import type { EntryTime, Timestamp } from './timestamp';
import type { TypedValue } from './typed-value';

/**
 * The parts of a whole-FCD read (e.g. `XCBR1$ST$Pos` = {stVal, q, t, …}) that a point needs: the
 * process value, its quality and its device time. A leaf read gives just the value.
 */
export interface FcdParts {
  readonly value?: TypedValue;
  readonly quality?: Quality;
  readonly timestamp?: Timestamp;
  readonly entryTime?: EntryTime;
}

/** Members that carry the process value, in the order IEC 61850-7-3 CDCs use them. */
const VALUE_MEMBERS = [
  'stVal',
  'mag',
  'cVal',
  'instMag',
  'instCVal',
  'general',
  'setVal',
  'setMag',
  'ctlVal',
  'valWTr',
  'mxVal', // APC, BAC: the measured value of an analogue setpoint
  'actVal', // BCR: the counter
];

/** A struct of one member (`mag` = {f}) stands for that member. */
function unwrap(value: TypedValue): TypedValue {
  let v = value;
  while (v.type === 'struct' && v.members.length === 1 && v.members[0] !== undefined) v = v.members[0].value;
  return v;
}

export function fcdParts(value: TypedValue): FcdParts {
  if (value.type !== 'struct') {
    if (value.type === 'quality') return { quality: value.quality };
    if (value.type === 'timestamp') return timeParts(value);
    return { value };
  }
  const byName = new Map(
    value.members.flatMap((m) => (m.name === undefined ? [] : [[m.name, m.value] as const])),
  );
  const q = byName.get('q');
  const t = byName.get('t');
  const main = VALUE_MEMBERS.map((name) => byName.get(name)).find((v) => v !== undefined);
  return {
    ...(main === undefined ? {} : { value: unwrap(main) }),
    ...(q?.type === 'quality' ? { quality: q.quality } : {}),
    ...(t?.type === 'timestamp' ? timeParts(t) : {}),
  };
}

function timeParts(t: Extract<TypedValue, { type: 'timestamp' }>): FcdParts {
  if (t.timestamp !== undefined) return { timestamp: t.timestamp };
  return t.entryTime === undefined ? {} : { entryTime: t.entryTime };
}
