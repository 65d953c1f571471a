import { describe, expect, it } from 'vitest';
import type { AccessStep, VariableName } from '../mms';
import { addressOfVariable, referenceOfVariable, variableOfReference } from './mms-variable';
import { formatObjectReference, parseObjectReference } from './object-reference';

const index = (i: number): AccessStep => ({ kind: 'index', index: i });
const comp = (name: string): AccessStep => ({ kind: 'component', name });
const D = 'testComplexArray';
const ARRAY = 'MHAI1$MX$HA$phsAHar';

/** [7-2 reference, MMS variable]: the data set members of libiec61850's complex_array example and plain ones. */
const table: [string, VariableName][] = [
  [`${D}/MHAI1.HA.phsAHar[MX]`, { scope: 'domain', domain: D, item: ARRAY }],
  [`${D}/MHAI1.HA.phsAHar(7)[MX]`, { scope: 'domain', domain: D, item: ARRAY, alternateAccess: [index(7)] }],
  [
    `${D}/MHAI1.HA.phsAHar(9).cVal[MX]`,
    { scope: 'domain', domain: D, item: ARRAY, alternateAccess: [index(9), comp('cVal')] },
  ],
  [
    `${D}/MHAI1.HA.phsAHar(11).cVal.mag.f[MX]`,
    {
      scope: 'domain',
      domain: D,
      item: ARRAY,
      alternateAccess: [index(11), comp('cVal'), comp('mag'), comp('f')],
    },
  ],
  ['LD0/LLN0', { scope: 'domain', domain: 'LD0', item: 'LLN0' }],
];

describe('MMS variables of object references', () => {
  it.each(table)('%s', (text, variable) => {
    expect(variableOfReference(parseObjectReference(text))).toEqual(variable);
    expect(formatObjectReference(referenceOfVariable(variable))).toBe(text);
  });

  it('names components addressed without an index after the variable', () => {
    const v: VariableName = { scope: 'domain', domain: 'LD', item: 'X1$MX$A', alternateAccess: [comp('b')] };
    expect(addressOfVariable(v)).toEqual({ domain: 'LD', item: 'X1$MX$A', subPath: ['b'] });
    expect(formatObjectReference(referenceOfVariable(v))).toBe('LD/X1.A.b[MX]');
  });

  it.each<[string, VariableName, RegExp]>([
    [
      'an index range',
      { scope: 'domain', domain: D, item: ARRAY, alternateAccess: [{ kind: 'range', low: 1, count: 2 }] },
      /\(1\.\.2\)/,
    ],
    [
      'a second index',
      { scope: 'domain', domain: D, item: ARRAY, alternateAccess: [index(1), comp('x'), index(2)] },
      /one index/,
    ],
    ['a vmd-specific name', { scope: 'vmd', item: 'X' }, /not domain-specific/],
    [
      'an index on a whole LN',
      { scope: 'domain', domain: D, item: 'MHAI1', alternateAccess: [index(1)] },
      /whole LN/,
    ],
  ])('refuses %s', (_what, v, message) => {
    expect(() => referenceOfVariable(v)).toThrow(message);
  });
});
