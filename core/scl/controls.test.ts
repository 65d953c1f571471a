import { describe, expect, it } from 'vitest';
import { rcbInstanceNames } from './controls';
import { LLN0_TEMPLATES, SCL_OPEN, sclDoc } from './fixtures/scl-text';
import { importScl } from './importer';
import type { SclLogicalNode } from './model';

describe('RCB instance names', () => {
  it.each([
    ['indexed, max 5', 'urcbA', true, 5, ['urcbA01', 'urcbA02', 'urcbA03', 'urcbA04', 'urcbA05']],
    ['indexed, max 1 keeps the suffix', 'brcbMeas', true, 1, ['brcbMeas01']],
    ['indexed, max 0', 'rcb', true, 0, []],
    ['indexed past 99', 'r', true, 100, [...Array.from({ length: 99 }, (_, i) => `r${String(i + 1).padStart(2, '0')}`), 'r100']],
    ['not indexed', 'EventsRCB', false, 1, ['EventsRCB']],
    ['not indexed, max 3: still one instance', 'EventsRCB', false, 3, ['EventsRCB']],
  ])('%s', (_name, name, indexed, max, expected) => {
    expect(rcbInstanceNames(name, indexed, max)).toEqual(expected);
  });
});

function lln0(controls: string, open = SCL_OPEN): { ln: SclLogicalNode; warnings: string[] } {
  const lds = `<LDevice inst="LD0"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DataSet name="ds"><FCDA ldInst="LD0" lnClass="LLN0" doName="Mod" fc="ST"/></DataSet>${controls}</LN0></LDevice>`;
  const doc = importScl(sclDoc({ lds, templates: LLN0_TEMPLATES, open }));
  const ln = doc.ieds[0]?.accessPoints[0]?.logicalDevices[0]?.logicalNodes[0];
  if (!ln) throw new Error('no LLN0');
  return { ln, warnings: doc.warnings.map((w) => `${w.code}: ${w.message}`) };
}

describe('ReportControl', () => {
  it('reads every attribute, TrgOps, OptFields and RptEnabled', () => {
    const { ln, warnings } = lln0(`<ReportControl name="brcbEv" desc="events" rptID="IED1/ev" datSet="ds" confRev="7" buffered="true" bufTime="50" intgPd="2000">
      <TrgOps dchg="true" qchg="true" dupd="true" period="true" gi="false"/>
      <OptFields seqNum="true" timeStamp="true" dataSet="true" reasonCode="true" dataRef="true" entryID="true" configRef="true" bufOvfl="false" segmentation="true"/>
      <RptEnabled max="3"><ClientLN iedName="HMI" ldInst="LD0" lnClass="IHMI" lnInst="1" prefix=""/></RptEnabled></ReportControl>`);
    expect(warnings).toEqual([]);
    expect(ln.reportControls).toEqual([
      {
        name: 'brcbEv',
        ref: 'IED1LD0/LLN0.brcbEv',
        ld: 'IED1LD0',
        ln: 'LLN0',
        desc: 'events',
        rptID: 'IED1/ev',
        datSet: 'ds',
        dataSetRef: 'IED1LD0/LLN0.ds',
        buffered: true,
        bufTime: 50,
        intgPd: 2000,
        confRev: 7,
        indexed: true,
        trgOps: { dchg: true, qchg: true, dupd: true, period: true, gi: false },
        optFields: { seqNum: true, timeStamp: true, dataSet: true, reasonCode: true, dataRef: true, entryID: true, configRef: true, bufOvfl: false, segmentation: true },
        max: 3,
        clients: ['HMI/LD0/IHMI1'],
        instances: ['brcbEv01', 'brcbEv02', 'brcbEv03'],
        instanceRefs: ['IED1LD0/LLN0.brcbEv01[BR]', 'IED1LD0/LLN0.brcbEv02[BR]', 'IED1LD0/LLN0.brcbEv03[BR]'],
      },
    ]);
  });

  it('applies the schema defaults (bufOvfl true from SCL 2007 on, false in 2003)', () => {
    const minimal = '<ReportControl name="urcb" datSet="ds"/>';
    const ed2 = lln0(minimal).ln.reportControls[0];
    expect(ed2).toMatchObject({
      buffered: false,
      bufTime: 0,
      intgPd: 0,
      confRev: undefined,
      rptID: undefined,
      indexed: true,
      max: 1,
      trgOps: { dchg: false, qchg: false, dupd: false, period: false, gi: true },
      optFields: { seqNum: false, bufOvfl: true, segmentation: false },
      instances: ['urcb01'],
      instanceRefs: ['IED1LD0/LLN0.urcb01[RP]'],
    });
    const ed1 = lln0(minimal, '<SCL xmlns="http://www.iec.ch/61850/2003/SCL">').ln.reportControls[0];
    expect(ed1?.optFields.bufOvfl).toBe(false);
  });

  it('names a non-indexed RCB as written and warns when max asks for more', () => {
    const { ln, warnings } = lln0('<ReportControl name="Events" datSet="ds" indexed="false"><RptEnabled max="4"/></ReportControl>');
    expect(ln.reportControls[0]?.instances).toEqual(['Events']);
    expect(ln.reportControls[0]?.max).toBe(4);
    expect(warnings).toEqual(['rcb-not-indexed: ReportControl IED1LD0/LLN0.Events is not indexed but RptEnabled max is 4; a non-indexed RCB has one instance, named Events']);
  });

  it('warns about a datSet that names no data set and a number that is not one', () => {
    const { ln, warnings } = lln0('<ReportControl name="r" datSet="nope" bufTime="soon"><RptEnabled max="x"/></ReportControl>');
    expect(ln.reportControls[0]).toMatchObject({ datSet: 'nope', dataSetRef: undefined, bufTime: 0, max: 1 });
    expect(warnings).toEqual([
      "bad-attribute: ReportControl IED1LD0/LLN0.r: max='x' is not a whole number; using 1",
      "missing-dataset: ReportControl IED1LD0/LLN0.r names data set 'nope', which IED1LD0/LLN0 does not define",
      "bad-attribute: ReportControl IED1LD0/LLN0.r: bufTime='soon' is not a whole number; using 0",
    ]);
  });
});

describe('GSEControl and SampledValueControl are listed', () => {
  it('reads them with their Communication addresses', () => {
    const communication = `<Communication><SubNetwork name="PB"><ConnectedAP iedName="IED1" apName="S1">
      <GSE ldInst="LD0" cbName="gcb1"><Address><P type="MAC-Address">01-0C-CD-01-00-10</P><P type="APPID">0010</P></Address></GSE>
      <SMV ldInst="LD0" cbName="msv1"><Address><P type="MAC-Address">01-0C-CD-04-00-01</P><P type="APPID">4001</P></Address></SMV>
    </ConnectedAP></SubNetwork></Communication>`;
    const lds = `<LDevice inst="LD0"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DataSet name="ds"><FCDA ldInst="LD0" lnClass="LLN0" doName="Mod" fc="ST"/></DataSet>
      <GSEControl name="gcb1" appID="IED1/gcb1" datSet="ds" confRev="2"/>
      <GSEControl name="gcb2" type="GSSE"/>
      <SampledValueControl name="msv1" smvID="IED1MU" datSet="ds" confRev="1" smpRate="80" nofASDU="1" multicast="true"><SmvOpts/></SampledValueControl>
    </LN0></LDevice>`;
    const doc = importScl(sclDoc({ lds, templates: LLN0_TEMPLATES, communication }));
    const ln = doc.ieds[0]?.accessPoints[0]?.logicalDevices[0]?.logicalNodes[0];
    expect(ln?.gseControls).toEqual([
      { name: 'gcb1', ref: 'IED1LD0/LLN0.gcb1', type: 'GOOSE', appID: 'IED1/gcb1', datSet: 'ds', dataSetRef: 'IED1LD0/LLN0.ds', confRev: 2, address: { 'MAC-Address': '01-0C-CD-01-00-10', APPID: '0010' } },
      { name: 'gcb2', ref: 'IED1LD0/LLN0.gcb2', type: 'GSSE', appID: undefined, datSet: undefined, dataSetRef: undefined, confRev: undefined, address: {} },
    ]);
    expect(ln?.sampledValueControls).toEqual([
      { name: 'msv1', ref: 'IED1LD0/LLN0.msv1', smvID: 'IED1MU', datSet: 'ds', dataSetRef: 'IED1LD0/LLN0.ds', confRev: 1, smpRate: 80, nofASDU: 1, multicast: true, address: { 'MAC-Address': '01-0C-CD-04-00-01', APPID: '4001' } },
    ]);
    expect(doc.warnings).toEqual([]);
  });
});

describe('SettingControl', () => {
  it('reads numOfSGs and actSG, and refuses an actSG outside 1..numOfSGs', () => {
    expect(lln0('<SettingControl desc="groups" numOfSGs="4" actSG="2"/>').ln.settingControl).toEqual({ desc: 'groups', numOfSGs: 4, actSG: 2 });
    const bad = lln0('<SettingControl numOfSGs="2" actSG="3"/>');
    expect(bad.ln.settingControl).toEqual({ desc: undefined, numOfSGs: 2, actSG: 1 });
    expect(bad.warnings).toEqual(['bad-attribute: SettingControl of IED1LD0/LLN0: actSG 3 is not 1..2; using 1']);
    expect(lln0('').ln.settingControl).toBeUndefined();
  });
});
