import { describe, expect, it } from 'vitest';
import { fromHex } from '../../shared';
import { INITIATE_RESPONSE_2000 } from '../fixtures/libiec61850-browse';
import { decodeMmsPdu } from '../pdu';
import {
  defaultInitiateRequest,
  negotiatedLimits,
  supportedServiceNames,
  type InitiateParameters,
} from './initiate';

function accepted(hex: string): InitiateParameters {
  const pdu = decodeMmsPdu(fromHex(hex));
  if (pdu.kind !== 'initiate-response') throw new Error(`expected an initiate-response, got ${pdu.kind}`);
  return pdu.params;
}

describe('Initiate negotiation', () => {
  it('obeys the smaller PDU size and the outstanding-request limit the server accepted', () => {
    expect(negotiatedLimits(defaultInitiateRequest(), accepted(INITIATE_RESPONSE_2000))).toEqual({
      maxPduSize: 2000,
      maxOutstanding: 5,
      nestingLevel: 10,
    });
  });

  it('never takes more than it proposed, nor less than one request in flight', () => {
    const proposed = defaultInitiateRequest({ maxPduSize: 8000, maxServOutstandingCalling: 3 });
    const generous = { ...proposed, maxPduSize: 65000, maxServOutstandingCalling: 50 };
    expect(negotiatedLimits(proposed, generous)).toMatchObject({ maxPduSize: 8000, maxOutstanding: 3 });
    const stingy = { ...proposed, maxServOutstandingCalling: 0 };
    expect(negotiatedLimits(proposed, stingy).maxOutstanding).toBe(1);
  });

  it('falls back to the stated side, or to 65000, when a PDU size is left out', () => {
    const { maxPduSize: _omitted, ...silent } = defaultInitiateRequest();
    expect(negotiatedLimits(defaultInitiateRequest(), silent).maxPduSize).toBe(65000);
    expect(negotiatedLimits(silent, { ...silent, maxPduSize: 4000 }).maxPduSize).toBe(4000);
    expect(negotiatedLimits(silent, silent).maxPduSize).toBe(65000);
  });

  it("proposes the services libiec61850's server offers, except cancel", () => {
    expect(supportedServiceNames(defaultInitiateRequest().servicesSupported)).toEqual(
      supportedServiceNames(accepted(INITIATE_RESPONSE_2000).servicesSupported).filter((n) => n !== 'cancel'),
    );
  });
});
