import { describe, expect, it } from 'vitest';
import type { RcbState } from '../iec61850';
import { rcbHolding } from './rcb-instances';

const brcb = (o: Partial<RcbState>): RcbState => ({
  buffered: true,
  rptId: 'r',
  rptEna: false,
  resvTms: 0,
  datSet: 'LD/LLN0$ds',
  confRev: 1,
  optFlds: [],
  bufTm: 0,
  sqNum: 0,
  trgOps: [],
  intgPd: 0,
  gi: false,
  ...o,
});
const LOCALHOST = Uint8Array.of(127, 0, 0, 1);
const ME = '127.0.0.1:50412';

describe('rcbHolding', () => {
  it('a free instance is not held', () => {
    expect(rcbHolding(brcb({}), ME)).toEqual({ held: false, owner: null, how: '' });
  });

  it('a BRCB the IED keeps reserved for our address, reports off, is ours to take back', () => {
    const kept = brcb({ resvTms: 10, owner: LOCALHOST });
    expect(rcbHolding(kept, ME)).toEqual({ held: false, owner: '127.0.0.1', how: 'reserved for 10 s' });
    expect(rcbHolding(kept, '::ffff:127.0.0.1:50412').held).toBe(false);
    // Without knowing our address, or for another address, it is someone else's.
    expect(rcbHolding(kept).held).toBe(true);
    expect(rcbHolding(kept, '10.0.0.5:50412').held).toBe(true);
    expect(rcbHolding(brcb({ resvTms: 10, owner: Uint8Array.of(10, 0, 0, 9) }), ME)).toEqual({ held: true, owner: '10.0.0.9', how: 'reserved for 10 s' });
  });

  it('when the IED names no Owner, a kept BRCB is ours only if it is the instance we held last', () => {
    const kept = brcb({ resvTms: 10 });
    expect(rcbHolding(kept, ME)).toEqual({ held: true, owner: null, how: 'reserved for 10 s' });
    expect(rcbHolding(kept, ME, true)).toEqual({ held: false, owner: null, how: 'reserved for 10 s' });
    expect(rcbHolding(brcb({ resvTms: 10, owner: new Uint8Array(4) }), ME, true).held).toBe(false);
    // An Owner that names someone else wins over our memory.
    expect(rcbHolding(brcb({ resvTms: 10, owner: Uint8Array.of(10, 0, 0, 9) }), ME, true).held).toBe(true);
    expect(rcbHolding(brcb({ rptEna: true, resvTms: 10 }), ME, true).held).toBe(true);
  });

  it('an instance a live association uses is never ours, whatever its Owner', () => {
    expect(rcbHolding(brcb({ rptEna: true, resvTms: 10, owner: LOCALHOST }), ME)).toEqual({ held: true, owner: '127.0.0.1', how: 'enabled, reserved for 10 s' });
    expect(rcbHolding(brcb({ resvTms: -1, owner: LOCALHOST }), ME).held).toBe(true);
    const urcb: RcbState = { ...brcb({ owner: LOCALHOST }), buffered: false, resv: true, resvTms: undefined };
    expect(rcbHolding(urcb, ME)).toEqual({ held: true, owner: '127.0.0.1', how: 'reserved' });
  });
});
