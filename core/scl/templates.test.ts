import { describe, expect, it } from 'vitest';
import { LLN0_TEMPLATES, sclDoc } from './fixtures/scl-text';
import { SclError } from './errors';
import { importScl } from './importer';
import { findNode, iedCounts, leavesOf } from './leaves';
import type { SclDocument, SclLogicalNode } from './model';

const NESTING_TEMPLATES = `${LLN0_TEMPLATES}
<LNodeType id="MHAI_T" lnClass="MHAI">
  <DO name="Mod" type="ENC_T"/>
  <DO name="HA" type="HWYE_T"/>
  <DO name="A" type="WYE_T"/>
  <DO name="Nest" type="NEST_T"/>
  <DO name="Arr" type="ARR_T"/>
</LNodeType>
<DOType id="WYE_T" cdc="WYE"><SDO name="phsA" type="CMV_T"/><SDO name="phsB" type="CMV_T"/><DA name="d" bType="VisString255" fc="DC"/></DOType>
<DOType id="HWYE_T" cdc="HWYE"><SDO name="phsAHar" type="CMV_T" count="16"/><DA name="numHar" bType="INT16U" fc="CF"/><DA name="frequency" bType="FLOAT32" fc="CF"/></DOType>
<DOType id="NEST_T" cdc="X"><SDO name="inner" type="WYE_T"/></DOType>
<DOType id="ARR_T" cdc="HMV"><DA name="val" bType="FLOAT32" fc="MX" count="24"/><DA name="q" bType="Quality" fc="MX"/></DOType>
<DOType id="CMV_T" cdc="CMV"><DA name="cVal" bType="Struct" type="Vector_T" fc="MX" dchg="true"/><DA name="q" bType="Quality" fc="MX" qchg="true"/><DA name="t" bType="Timestamp" fc="MX"/></DOType>
<DAType id="Vector_T"><BDA name="mag" bType="Struct" type="AV_T"/><BDA name="ang" bType="Struct" type="AV_T"/></DAType>
<DAType id="AV_T"><BDA name="f" bType="FLOAT32"/><BDA name="i" bType="INT32"/></DAType>`;

const NESTING_LDS = `<LDevice inst="LD0"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/><LN lnClass="MHAI" inst="1" lnType="MHAI_T"/></LDevice>`;

function lnOf(doc: SclDocument, ldName: string, lnName: string): SclLogicalNode {
  const ln = doc.ieds[0]?.accessPoints[0]?.logicalDevices.find((l) => l.name === ldName)?.logicalNodes.find((l) => l.name === lnName);
  if (!ln) throw new Error(`${ldName}/${lnName} not found`);
  return ln;
}

describe('template resolution: SDO and BDA nesting, arrays, enums', () => {
  const doc = importScl(sclDoc({ lds: NESTING_LDS, templates: NESTING_TEMPLATES }));
  const mhai = lnOf(doc, 'IED1LD0', 'MHAI1');
  const leaves = [...leavesOf('IED1LD0', mhai)];

  it('resolves without warnings and counts leaves with arrays counted once', () => {
    expect(doc.warnings).toEqual([]);
    // Mod 4 + HA (phsAHar 6, numHar, frequency) 8 + A (phsA 6, phsB 6, d) 13 + Nest (inner = WYE) 13 + Arr 2
    expect(mhai.type?.leafCount).toBe(40);
    expect(leaves).toHaveLength(40);
    expect(iedCounts(doc.ieds[0]!)).toEqual({ logicalDevices: 1, logicalNodes: 2, dataSets: 0, reportControls: 0, reportInstances: 0, leaves: 44 });
  });

  it('walks SDO inside SDO down to BDA inside BDA, with the DA FC on every leaf', () => {
    const byRef = new Map(leaves.map((l) => [l.ref, l]));
    expect(leaves.slice(0, 4).map((l) => [l.path.join('.'), l.fc, l.type])).toEqual([
      ['Mod.stVal', 'ST', 'enum'],
      ['Mod.q', 'ST', 'quality'],
      ['Mod.t', 'ST', 'timestamp'],
      ['Mod.ctlModel', 'CF', 'enum'],
    ]);
    const deep = byRef.get('IED1LD0/MHAI1.Nest.inner.phsB.cVal.ang.i');
    expect([deep?.fc, deep?.type, deep?.dataObject.name, deep?.dataObject.cdc, deep?.inArray]).toEqual(['MX', 'int32', 'phsB', 'CMV', false]);
    expect(byRef.get('IED1LD0/MHAI1.A.d')?.fc).toBe('DC');
  });

  it('keeps array sizes on SDOs and DAs and marks leaves inside arrays', () => {
    expect(findNode(mhai, ['HA', 'phsAHar'])?.count).toBe(16);
    expect(findNode(mhai, ['Arr', 'val'])?.count).toBe(24);
    expect(findNode(mhai, ['A', 'phsA'])?.count).toBeUndefined();
    const inArray = leaves.filter((l) => l.inArray).map((l) => l.path.join('.'));
    expect(inArray).toEqual(['HA.phsAHar.cVal.mag.f', 'HA.phsAHar.cVal.mag.i', 'HA.phsAHar.cVal.ang.f', 'HA.phsAHar.cVal.ang.i', 'HA.phsAHar.q', 'HA.phsAHar.t', 'Arr.val']);
  });

  it('attaches EnumType values to Enum attributes', () => {
    const stVal = findNode(mhai, ['Mod', 'stVal']);
    expect(stVal?.kind === 'DA' ? stVal.enumType : undefined).toEqual({
      id: 'Beh',
      values: [
        { ord: 1, name: 'on' },
        { ord: 2, name: 'blocked' },
        { ord: 3, name: 'test' },
        { ord: 4, name: 'test/blocked' },
        { ord: 5, name: 'off' },
      ],
    });
  });

  it('shares one resolved tree between all LNs of one LNodeType', () => {
    const two = importScl(sclDoc({ lds: NESTING_LDS.replace('</LDevice>', '<LN lnClass="MHAI" inst="2" lnType="MHAI_T"/></LDevice>'), templates: NESTING_TEMPLATES }));
    expect(lnOf(two, 'IED1LD0', 'MHAI1').type).toBe(lnOf(two, 'IED1LD0', 'MHAI2').type);
  });
});

describe('broken templates are warnings, and the import goes on', () => {
  const templates = `${LLN0_TEMPLATES}
<LNodeType id="GGIO_T" lnClass="GGIO"><DO name="Mod" type="ENC_T"/><DO name="Ind1" type="MISSING_DO"/><DO name="Ind2" type="MISSING_DO"/><DO name="Anl" type="MV_BROKEN"/><DO name="Loop" type="LOOP_DO"/><DO name="Box" type="BOX_T"/></LNodeType>
<DOType id="MV_BROKEN" cdc="MV"><DA name="mag" bType="Struct" type="MISSING_DA" fc="MX"/><DA name="q" bType="Quality" fc="MX"/><DA name="range" bType="Enum" type="MISSING_ENUM" fc="MX"/><DA name="z" bType="Float16" fc="MX"/></DOType>
<DOType id="LOOP_DO" cdc="X"><SDO name="self" type="LOOP_DO"/><DA name="v" bType="BOOLEAN" fc="ST"/></DOType>
<DOType id="BOX_T" cdc="X"><DA name="s" bType="Struct" type="LOOP_DA" fc="ST"/></DOType>
<DAType id="LOOP_DA"><BDA name="me" bType="Struct" type="LOOP_DA"/><BDA name="x" bType="INT8"/></DAType>
<EnumType id="Beh"><EnumVal ord="1">again</EnumVal></EnumType>`;
  const lds = `<LDevice inst="LD0"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/><LN lnClass="GGIO" inst="1" lnType="GGIO_T"/><LN lnClass="GGIO" inst="2" lnType="MISSING_LN"/></LDevice>`;
  const doc = importScl(sclDoc({ lds, templates }));

  it('lists each missing id once, with its uses', () => {
    const missing = doc.warnings.filter((w) => w.code === 'missing-type').map((w) => w.message);
    expect(missing).toEqual([
      "DOType 'MISSING_DO' is not defined in DataTypeTemplates; used by LNodeType 'GGIO_T' DO Ind1, LNodeType 'GGIO_T' DO Ind2. What it would hold is left out.",
      "DAType 'MISSING_DA' is not defined in DataTypeTemplates; used by DOType 'MV_BROKEN' DA mag. What it would hold is left out.",
      "EnumType 'MISSING_ENUM' is not defined in DataTypeTemplates; used by DOType 'MV_BROKEN' DA range. What it would hold is left out.",
      "LNodeType 'MISSING_LN' is not defined in DataTypeTemplates; used by IED1 IED1LD0/GGIO2. What it would hold is left out.",
    ]);
  });

  it('cuts cycles, warns about unknown bTypes and duplicate ids', () => {
    expect(doc.warnings.filter((w) => w.code !== 'missing-type').map((w) => [w.code, w.message])).toEqual([
      ['duplicate-type', "EnumType 'Beh' is defined twice; the first definition is used"],
      ['unknown-btype', "bType 'Float16' (first seen in DOType 'MV_BROKEN' DA z) is not a known basic type; its values are treated as octet strings"],
      ['type-cycle', "DOType 'LOOP_DO' contains itself (reached from DOType 'LOOP_DO' SDO self); the inner occurrence is left empty"],
      ['type-cycle', "DAType 'LOOP_DA' contains itself (reached from DAType 'LOOP_DA' BDA me); the inner occurrence is left empty"],
    ]);
  });

  it('keeps what resolves: LNs without a type, DOs without data, leaves that exist', () => {
    const ggio1 = lnOf(doc, 'IED1LD0', 'GGIO1');
    const ggio2 = lnOf(doc, 'IED1LD0', 'GGIO2');
    expect(ggio2.type).toBeUndefined();
    expect(findNode(ggio1, ['Ind1'])).toMatchObject({ resolved: false, children: [], leafCount: 0 });
    expect(findNode(ggio1, ['Anl', 'mag'])).toMatchObject({ resolved: false, leafCount: 0 });
    expect(findNode(ggio1, ['Anl', 'range'])).toMatchObject({ resolved: false, leafCount: 1, enumType: undefined });
    expect(findNode(ggio1, ['Anl', 'z'])).toMatchObject({ type: 'octetstring', leafCount: 1 });
    expect([...leavesOf('X', ggio1)].map((l) => l.path.join('.'))).toEqual([
      'Mod.stVal', 'Mod.q', 'Mod.t', 'Mod.ctlModel', 'Anl.q', 'Anl.range', 'Anl.z', 'Loop.v', 'Box.s.x',
    ]);
    expect(iedCounts(doc.ieds[0]!).logicalNodes).toBe(3);
  });

  it('warns about nesting deeper than maxTypeDepth and cuts it there', () => {
    const chain = Array.from({ length: 6 }, (_, i) => `<DAType id="D${i}"><BDA name="n" bType="Struct" type="D${i + 1}"/><BDA name="v" bType="INT8"/></DAType>`).join('');
    const deep = importScl(
      sclDoc({
        lds: '<LDevice inst="LD0"><LN lnClass="GGIO" inst="1" lnType="G"/></LDevice>',
        templates: `<LNodeType id="G" lnClass="GGIO"><DO name="X" type="XT"/></LNodeType><DOType id="XT" cdc="X"><DA name="s" bType="Struct" type="D0" fc="ST"/></DOType>${chain}<DAType id="D6"><BDA name="v" bType="INT8"/></DAType>`,
      }),
      { limits: { maxTypeDepth: 4 } },
    );
    expect(deep.warnings.map((w) => w.code)).toEqual(['type-depth']);
    expect(deep.warnings[0]?.message).toMatch(/DAType 'D3' nests deeper than 4 levels \(maxTypeDepth\)/);
    expect(lnOf(deep, 'IED1LD0', 'GGIO1').type?.leafCount).toBe(3);
  });

  it('refuses an IED whose types fan out past maxLeavesPerIed', () => {
    expect(() => importScl(sclDoc({ lds: NESTING_LDS, templates: NESTING_TEMPLATES }), { limits: { maxLeavesPerIed: 43 } })).toThrow(SclError);
    expect(() => importScl(sclDoc({ lds: NESTING_LDS, templates: NESTING_TEMPLATES }), { limits: { maxLeavesPerIed: 43 } })).toThrow(
      /IED IED1 resolves to 44 leaves, more than 43 \(maxLeavesPerIed\)/,
    );
  });
});

describe('DOI, SDI and DAI instance values', () => {
  const lds = `<LDevice inst="LD0">
<LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DOI name="Mod" desc="mode of the LD"><DAI name="ctlModel" valKind="RO"><Val>status-only</Val></DAI></DOI></LN0>
<LN lnClass="MHAI" inst="1" lnType="MHAI_T" desc="harmonics">
  <DOI name="A"><SDI name="phsA"><SDI name="cVal"><SDI name="mag"><DAI name="f" sAddr="AI:1"/></SDI></SDI></SDI><DAI name="d"><Val>Currents &amp; more</Val></DAI></DOI>
  <DOI name="HA"><SDI name="phsAHar" ix="3"><SDI name="cVal"><SDI name="mag"><DAI name="f" sAddr="H3"/></SDI></SDI></SDI><DAI name="numHar"><Val sGroup="1">13</Val><Val sGroup="2">15</Val></DAI></DOI>
</LN></LDevice>`;
  const doc = importScl(sclDoc({ lds, templates: NESTING_TEMPLATES }));

  it('keeps desc, Val (with setting groups), valKind and sAddr by path', () => {
    expect(Object.fromEntries(lnOf(doc, 'IED1LD0', 'LLN0').values)).toEqual({
      Mod: { desc: 'mode of the LD' },
      'Mod.ctlModel': { value: 'status-only', valKind: 'RO' },
    });
    expect(Object.fromEntries(lnOf(doc, 'IED1LD0', 'MHAI1').values)).toEqual({
      'A.phsA.cVal.mag.f': { sAddr: 'AI:1' },
      'A.d': { value: 'Currents & more' },
      'HA.phsAHar(3).cVal.mag.f': { sAddr: 'H3' },
      'HA.numHar': { value: '13', groupValues: [{ sGroup: 1, value: '13' }, { sGroup: 2, value: '15' }] },
    });
    expect(lnOf(doc, 'IED1LD0', 'MHAI1').desc).toBe('harmonics');
  });
});

describe('LD names: ldName when given, else IED name + inst', () => {
  it('names LDs and resolves references by inst', () => {
    const lds = `<LDevice inst="C1" ldName="Bay1Ctrl"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/></LDevice>
<LDevice inst="P1"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DataSet name="ds"><FCDA ldInst="C1" lnClass="LLN0" doName="Mod" daName="stVal" fc="ST"/><FCDA ldInst="Bay1Ctrl" lnClass="LLN0" doName="Mod" fc="ST"/></DataSet>
<ReportControl name="rcb" datSet="ds" rptID="r"><RptEnabled max="2"/></ReportControl></LN0></LDevice>`;
    const doc = importScl(sclDoc({ lds, templates: LLN0_TEMPLATES }));
    const ap = doc.ieds[0]?.accessPoints[0];
    expect(ap?.logicalDevices.map((l) => [l.inst, l.ldName, l.name])).toEqual([
      ['C1', 'Bay1Ctrl', 'Bay1Ctrl'],
      ['P1', undefined, 'IED1P1'],
    ]);
    const ds = lnOf(doc, 'IED1P1', 'LLN0').dataSets[0];
    expect(ds?.ref).toBe('IED1P1/LLN0.ds');
    expect(ds?.members.map((m) => [m.ref, m.resolved, m.problem])).toEqual([
      ['Bay1Ctrl/LLN0.Mod.stVal[ST]', true, undefined],
      ['Bay1Ctrl/LLN0.Mod[ST]', false, "no LDevice with inst 'Bay1Ctrl' (an LD is named so, but ldInst must be the inst)"],
    ]);
    expect(lnOf(doc, 'IED1P1', 'LLN0').reportControls[0]?.instanceRefs).toEqual(['IED1P1/LLN0.rcb01[RP]', 'IED1P1/LLN0.rcb02[RP]']);
  });
});
