import { describe, expect, it } from 'vitest';
import { SclFile } from '../scl';
import { specOf, valueOf, type DataNode, type LeafNode } from '../server';
import { utcTime } from './leaf-values';
import { buildModel } from './scl-model';
import { iedToServe } from './scl-source';

/*
 * LNs of one LNodeType are copies of one template: they share the MMS type descriptions and the
 * template's values, and each has its own nodes and its own DAI values.
 */

const ied = (name: string, lns: string) => `
<IED name="${name}" manufacturer="Maker" type="Relay"><AccessPoint name="S1"><Server><Authentication/>
<LDevice inst="LD0"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/>${lns}</LDevice>
</Server></AccessPoint></IED>`;

const MMXU1 = `<LN lnClass="MMXU" inst="1" lnType="MMXU_T">
  <DOI name="TotW"><SDI name="mag"><DAI name="f"><Val>12.5</Val></DAI></SDI><SDI name="units"><DAI name="SIUnit"><Val>V</Val></DAI></SDI></DOI>
</LN>`;
const MMXU2 = `<LN lnClass="MMXU" inst="2" lnType="MMXU_T">
  <DOI name="TotW"><SDI name="units"><DAI name="SIUnit"><Val>volts</Val></DAI></SDI></DOI>
</LN>`;

const SCL = `<SCL xmlns="http://www.iec.ch/61850/2003/SCL" version="2007" revision="B" release="4">
<Header id="t"/>
${ied('IED1', MMXU1 + MMXU2)}
${ied('IED2', MMXU1)}
<DataTypeTemplates>
<LNodeType id="LLN0_T" lnClass="LLN0"><DO name="NamPlt" type="LPL_T"/></LNodeType>
<LNodeType id="MMXU_T" lnClass="MMXU"><DO name="TotW" type="MV_T"/></LNodeType>
<DOType id="LPL_T" cdc="LPL"><DA name="vendor" bType="VisString255" fc="DC"/></DOType>
<DOType id="MV_T" cdc="MV">
  <DA name="mag" bType="Struct" type="AV_T" fc="MX" dchg="true"/>
  <DA name="q" bType="Quality" fc="MX" qchg="true"/>
  <DA name="t" bType="Timestamp" fc="MX"/>
  <DA name="units" bType="Struct" type="Unit_T" fc="CF"/>
  <DA name="db" bType="INT32U" fc="CF"><Val>lots</Val></DA>
</DOType>
<DAType id="AV_T"><BDA name="f" bType="FLOAT32"/></DAType>
<DAType id="Unit_T"><BDA name="SIUnit" bType="Enum" type="SIUnit"><Val>W</Val></BDA></DAType>
<EnumType id="SIUnit"><EnumVal ord="29">V</EnumVal><EnumVal ord="38">W</EnumVal></EnumType>
</DataTypeTemplates>
</SCL>`;

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const file = SclFile.open(SCL, { fileName: 'templates.scd' });
const built = (name: string) => buildModel(file, iedToServe(file, name), NOW);

function node(model: ReturnType<typeof built>['model'], item: string): DataNode {
  const n = model.find('IED1LD0', item) ?? model.find('IED2LD0', item);
  if (!n) throw new Error(`no ${item}`);
  return n;
}

const leaf = (model: ReturnType<typeof built>['model'], item: string) => node(model, item) as LeafNode;

describe('LN templates', () => {
  it('gives each LN its own nodes and DAI values on the type descriptions and values of its LNodeType', () => {
    const { model, warnings } = built('IED1');
    expect(leaf(model, 'MMXU1$MX$TotW$mag$f').value).toEqual({ type: 'float', value: 12.5, width: 32 });
    expect(leaf(model, 'MMXU2$MX$TotW$mag$f').value).toEqual({ type: 'float', value: 0, width: 32 });
    expect(leaf(model, 'MMXU1$CF$TotW$units$SIUnit').value).toEqual({ type: 'integer', value: 29 });
    // A DAI value that cannot be read starts the leaf at its zero value (the first ordinal), not the template's.
    expect(leaf(model, 'MMXU2$CF$TotW$units$SIUnit').value).toEqual({ type: 'integer', value: 29 });
    expect(leaf(model, 'MMXU1$MX$TotW$t').value).toEqual(utcTime(NOW));
    expect(leaf(model, 'MMXU2$MX$TotW$t').value).toEqual(utcTime(NOW));
    // A template value that cannot be read is a warning for every LN of the type.
    expect(warnings).toEqual([
      "IED1LD0/MMXU1.TotW.db: 'lots' is not an integer; starts at its zero value",
      "IED1LD0/MMXU2.TotW.units.SIUnit: 'volts' is not one of the enum names; starts at its zero value",
      "IED1LD0/MMXU2.TotW.db: 'lots' is not an integer; starts at its zero value",
    ]);

    expect(node(model, 'MMXU1')).not.toBe(node(model, 'MMXU2'));
    expect(specOf(node(model, 'MMXU1'))).toBe(specOf(node(model, 'MMXU2')));
    expect(specOf(node(model, 'MMXU1$MX$TotW'))).toBe(specOf(node(model, 'MMXU2$MX$TotW')));
    model.setLeaf(leaf(model, 'MMXU2$MX$TotW$mag$f'), { type: 'float', value: 7, width: 32 });
    expect(valueOf(node(model, 'MMXU1$MX$TotW$mag'))).toEqual({ type: 'structure', members: [{ type: 'float', value: 12.5, width: 32 }] });
  });

  it('shares the templates between the IEDs of one file that use the same LNodeType', () => {
    const one = built('IED1').model;
    const two = built('IED2').model;
    expect(node(two, 'MMXU1')).not.toBe(node(one, 'MMXU1'));
    expect(specOf(node(two, 'MMXU1'))).toBe(specOf(node(one, 'MMXU1')));
    expect(leaf(two, 'MMXU1$CF$TotW$units$SIUnit').value).toEqual({ type: 'integer', value: 29 });
    expect(leaf(two, 'MMXU1$MX$TotW$mag$f').value).toEqual({ type: 'float', value: 12.5, width: 32 });
  });
});
