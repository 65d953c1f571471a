import { describe, expect, it } from 'vitest';
import { defaultInitiateRequest, encodeConfirmedResponse } from '../mms';
import { negotiateInitiate, DEFAULT_SERVER_LIMITS, MIN_PDU_SIZE } from './initiate';
import { nameListPage } from './name-list';
import { mmsValuesEqual } from './model/value-equality';
import { mmsNameOrder } from './model/order';

describe('Initiate negotiation', () => {
  it('answers the smaller of each proposal and ours, never below the floors', () => {
    const limits = { maxPduSize: 8000, maxOutstanding: 4, maxNesting: 10 };
    expect(negotiateInitiate(defaultInitiateRequest(), limits)).toMatchObject({
      maxPduSize: 8000,
      maxServOutstandingCalling: 4,
      maxServOutstandingCalled: 4,
      dataStructureNestingLevel: 10,
      versionNumber: 1,
    });
    const tiny = negotiateInitiate(
      defaultInitiateRequest({ maxPduSize: 10, maxServOutstandingCalling: 0, dataStructureNestingLevel: 2 }),
      DEFAULT_SERVER_LIMITS,
    );
    expect(tiny).toMatchObject({ maxPduSize: MIN_PDU_SIZE, maxServOutstandingCalling: 1, dataStructureNestingLevel: 2 });
    const { maxPduSize: _, ...noSize } = defaultInitiateRequest();
    expect(negotiateInitiate(noSize, DEFAULT_SERVER_LIMITS).maxPduSize).toBe(65000);
  });
});

describe('GetNameList paging', () => {
  const names = Array.from({ length: 500 }, (_, i) => `LN${String(i).padStart(3, '0')}$ST$Value`);

  it('fills each page up to the PDU size and continues after the last name given', () => {
    const first = nameListPage(names, undefined, 1000);
    expect(first.moreFollows).toBe(true);
    const encoded = encodeConfirmedResponse(0xffffffff, { service: 'getNameList', ...first });
    expect(encoded.length).toBeLessThanOrEqual(1000);
    expect(encoded.length).toBeGreaterThan(900);
    const second = nameListPage(names, first.identifiers.at(-1), 1000);
    expect(second.identifiers[0]).toBe(names[first.identifiers.length]);
    let all: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = nameListPage(names, after, 1000);
      all = all.concat(page.identifiers);
      if (!page.moreFollows) break;
      after = page.identifiers.at(-1);
    }
    expect(all).toEqual(names);
  });

  it('continues at the right place after a name that is not in the list', () => {
    expect(nameListPage(names, 'LN100$ZZ', 65000).identifiers[0]).toBe('LN101$ST$Value');
    expect(nameListPage(names, 'zzz', 65000)).toEqual({ identifiers: [], moreFollows: false });
  });
});

describe('MMS value equality', () => {
  it('compares type, members and bytes', () => {
    const q = (b: number) => ({ type: 'bit-string' as const, bitLength: 13, bytes: Uint8Array.of(b, 0) });
    expect(mmsValuesEqual({ type: 'structure', members: [q(0)] }, { type: 'structure', members: [q(0)] })).toBe(true);
    expect(mmsValuesEqual(q(0), q(0x40))).toBe(false);
    expect(mmsValuesEqual({ type: 'integer', value: 1 }, { type: 'integer', value: 1n })).toBe(true);
    expect(mmsValuesEqual({ type: 'integer', value: 1 }, { type: 'unsigned', value: 1 })).toBe(false);
  });
});

describe('the order of names', () => {
  it('is A a B b … Z z, then $, _ and digits, character by character, shorter first', () => {
    const names = ['Oper$Test', 'GGIO10', 'Oper$ctlNum', 'GGIO1$CF', 'Oper$T', 'A$B', 'Oper$origin', 'AB', 'GGIO1', 'a', 'A_1', 'A'];
    expect([...names].sort(mmsNameOrder)).toEqual([
      'A',
      'AB',
      'A$B',
      'A_1',
      'a',
      'GGIO1',
      'GGIO1$CF',
      'GGIO10',
      'Oper$ctlNum',
      'Oper$origin',
      'Oper$T',
      'Oper$Test',
    ]);
  });
});
