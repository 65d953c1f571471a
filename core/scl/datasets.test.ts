import { describe, expect, it } from 'vitest';
import { LLN0_TEMPLATES, sclDoc } from './fixtures/scl-text';
import { importScl } from './importer';

const TEMPLATES = `${LLN0_TEMPLATES}
<LNodeType id="MMXU_T" lnClass="MMXU"><DO name="A" type="WYE_T"/><DO name="HA" type="HWYE_T"/></LNodeType>
<DOType id="WYE_T" cdc="WYE"><SDO name="phsA" type="CMV_T"/><SDO name="phsB" type="CMV_T"/><DA name="d" bType="VisString255" fc="DC"/></DOType>
<DOType id="HWYE_T" cdc="HWYE"><SDO name="phsAHar" type="CMV_T" count="16"/><DA name="numHar" bType="INT16U" fc="CF"/></DOType>
<DOType id="CMV_T" cdc="CMV"><DA name="cVal" bType="Struct" type="Vector_T" fc="MX"/><DA name="q" bType="Quality" fc="MX"/><DA name="hist" bType="FLOAT32" fc="MX" count="4"/></DOType>
<DAType id="Vector_T"><BDA name="mag" bType="Struct" type="AV_T"/><BDA name="ang" bType="Struct" type="AV_T"/></DAType>
<DAType id="AV_T"><BDA name="f" bType="FLOAT32"/></DAType>`;

/** [FCDA attributes, expected ref, problem or undefined, arrayElement] */
const CASES: [string, string, string | undefined, boolean][] = [
  // Full FCDA down to a BDA.
  ['doName="A.phsA" daName="cVal.mag.f" fc="MX"', 'IED1M/MMXU1.A.phsA.cVal.mag.f[MX]', undefined, false],
  // Partial: a whole DO of one FC (FCD), a DO through an SDO path, a structure DA.
  ['doName="A" fc="MX"', 'IED1M/MMXU1.A[MX]', undefined, false],
  ['doName="A.phsB" fc="MX"', 'IED1M/MMXU1.A.phsB[MX]', undefined, false],
  ['doName="A.phsB" daName="cVal" fc="MX"', 'IED1M/MMXU1.A.phsB.cVal[MX]', undefined, false],
  ['doName="A" fc="DC"', 'IED1M/MMXU1.A[DC]', undefined, false],
  // ix selects an element of the first array on the path: the SDO array, or an array DA.
  ['doName="HA.phsAHar" daName="cVal.mag.f" fc="MX" ix="3"', 'IED1M/MMXU1.HA.phsAHar(3).cVal.mag.f[MX]', undefined, true],
  ['doName="A.phsA" daName="hist" fc="MX" ix="2"', 'IED1M/MMXU1.A.phsA.hist(2)[MX]', undefined, true],
  // libiec61850 writes the index into daName and passes SDOs in daName.
  ['doName="HA" daName="phsAHar(7).cVal" fc="MX"', 'IED1M/MMXU1.HA.phsAHar(7).cVal[MX]', undefined, true],
  // What does not resolve, and why.
  ['doName="A" daName="cVal.mag.f" fc="MX"', 'IED1M/MMXU1.A.cVal.mag.f[MX]', "no SDO, DA or BDA 'cVal' below A", false],
  ['doName="A.phsC" fc="MX"', 'IED1M/MMXU1.A.phsC[MX]', "no SDO, DA or BDA 'phsC' below A", false],
  ['doName="A.phsA" daName="cVal" fc="ST"', 'IED1M/MMXU1.A.phsA.cVal[ST]', 'cVal has FC MX, not ST', false],
  ['doName="A" fc="CO"', 'IED1M/MMXU1.A[CO]', 'A has no data attribute with FC CO', false],
  ['doName="A" fc="XX"', 'IED1M/MMXU1.A', "fc 'XX' is not a functional constraint", false],
  ['doName="HA.phsAHar" fc="MX" ix="16"', 'IED1M/MMXU1.HA.phsAHar(16)[MX]', 'index 16 is outside phsAHar[0..15]', true],
  ['doName="A.phsA" fc="MX" ix="1"', 'IED1M/MMXU1.A.phsA(1)[MX]', 'ix 1 is given but nothing on the path is an array', true],
  ['doName="A" daName="phsA(2)" fc="MX"', 'IED1M/MMXU1.A.phsA(2)[MX]', "'phsA' is not an array, so 'phsA(2)' names nothing", false],
  ['doName="A" fc="MX" ix="-1"', 'IED1M/MMXU1.A[MX]', "ix '-1' is not a whole number", false],
];

function importWith(fcdas: string[], ldInst = 'M', lnInst = '1', lnClass = 'MMXU') {
  const members = fcdas.map((a) => `<FCDA ldInst="${ldInst}" lnClass="${lnClass}" lnInst="${lnInst}" ${a}/>`).join('');
  const lds = `<LDevice inst="M"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DataSet name="ds">${members}</DataSet></LN0><LN lnClass="MMXU" inst="1" lnType="MMXU_T"/></LDevice>`;
  return importScl(sclDoc({ lds, templates: TEMPLATES }));
}

describe('data set members (FCDA) resolve to model references', () => {
  it.each(CASES)('%s → %s', (attrs, ref, problem, arrayElement) => {
    const doc = importWith([attrs]);
    const member = doc.ieds[0]?.accessPoints[0]?.logicalDevices[0]?.logicalNodes[0]?.dataSets[0]?.members[0];
    expect([member?.ref, member?.problem, member?.resolved, member?.arrayElement]).toEqual([ref, problem, problem === undefined, arrayElement]);
    expect(doc.warnings.some((w) => w.code === 'unresolved-member')).toBe(problem !== undefined);
  });

  it('keeps the FCDA attributes and the path for coverage lookups', () => {
    const member = importWith(['prefix="" doName="A.phsA" daName="cVal.mag.f" fc="MX"']).ieds[0]?.accessPoints[0]?.logicalDevices[0]?.logicalNodes[0]?.dataSets[0]?.members[0];
    expect(member).toMatchObject({ ldInst: 'M', prefix: '', lnClass: 'MMXU', lnInst: '1', doName: 'A.phsA', daName: 'cVal.mag.f', fc: 'MX', ix: undefined, ld: 'IED1M', ln: 'MMXU1', path: ['A', 'phsA', 'cVal', 'mag', 'f'] });
  });

  it('reports members naming a missing LD or LN in one warning per data set', () => {
    const doc = importWith(['doName="A" fc="MX"'], 'NOPE');
    expect(doc.warnings).toEqual([
      { code: 'unresolved-member', message: "data set IED1M/LLN0.ds: 1 of 1 members do not resolve: NOPE/MMXU1.A[MX] (no LDevice with inst 'NOPE')", ied: 'IED1', ids: ['NOPE/MMXU1.A[MX]'] },
    ]);
    const noLn = importWith(['doName="A" fc="MX"'], 'M', '9');
    expect(noLn.warnings[0]?.message).toBe('data set IED1M/LLN0.ds: 1 of 1 members do not resolve: IED1M/MMXU9.A[MX] (no LN MMXU9 in IED1M)');
  });

  it('reads LLN0 members with a stray lnInst as LLN0, with a warning', () => {
    const doc = importWith(['doName="Mod" daName="stVal" fc="ST"'], 'M', '1', 'LLN0');
    const member = doc.ieds[0]?.accessPoints[0]?.logicalDevices[0]?.logicalNodes[0]?.dataSets[0]?.members[0];
    expect([member?.ref, member?.resolved]).toEqual(['IED1M/LLN0.Mod.stVal[ST]', true]);
    expect(doc.warnings.map((w) => w.message)).toEqual(["data set IED1M/LLN0.ds: 1 FCDA give lnInst '1' for LLN0, which has no instance number; read as LLN0"]);
  });
});
