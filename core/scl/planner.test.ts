import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LLN0_TEMPLATES, sclDoc } from './fixtures/scl-text';
import { importScl } from './importer';
import { leavesOfLd, serverLogicalDevices } from './leaves';
import { planIed, type RecommendedPoint } from './planner';

const feeder = importScl(new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'feeder-relay.cid'))), { fileName: 'feeder-relay.cid' });
const points = planIed(feeder.ieds[0]!).points;

/** What a point's coverage says, compactly: `LN.dataSet rcb+rcb, …` ('' when no data set holds it). */
function coverageText(p: RecommendedPoint): string {
  return p.coverage.dataSets.map((d) => `${d.ref.split('/')[1]}${d.reportControls.length ? ` ${d.reportControls.map((r) => r.name).join('+')}` : ''}`).join(', ');
}

/**
 * Every point the planner recommends for the feeder relay fixture in its default tiers (essential,
 * station, extended), in model order: [point, tier, category, reason, mode, covering data sets and
 * RCBs]. Worked out from the fixture by hand:
 * - essential: each LD's LLN0 Mod/Beh/Health and LPHD PhyHealth; XCBR and both XSWI positions (not the
 *   CSWI's, since the IED has XCBR/XSWI); Op.general of every P-group LN and PTRC Tr.general; MMXU TotW
 *   and the three phase currents;
 * - station: what an RCB reports and no essential rule took: GGIO1.Ind1 (FCD in dsStatus) gives stVal;
 *   PTOC1.Str (FCD in dsProt) gives general and dirGeneral; PTRC1.Tr (FCD) gives phsA; MMXU A.phsB
 *   (through the SDO, in dsMeas) gives cVal.ang.f; q and t are companions, never points, so Alm1.q
 *   (named alone in dsStatus) is not one;
 * - extended: the other starts and directions, SPS/SPC status, GGIO indications and alarms, the other
 *   magnitudes, and the CSWI position;
 * - dsProt (URCB urcbProt, not indexed, dchg) holds PTOC1.Op.general and PTOC1.Str; its PDIS1.Op[MX]
 *   member does not resolve; dsMeas (URCB urcbMeas) reports by integrity period only; dsGoose has no
 *   RCB (GOOSE only): PTRC1.Op.general stays "poll".
 */
const EXPECTED: [string, string, string, string, 'report' | 'poll', string][] = [
  ["FDR1LD0/LLN0.Mod.stVal[ST]", 'essential', 'health', "LLN0 mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1LD0/LLN0.Beh.stVal[ST]", 'essential', 'health', "LLN0 behaviour (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'report', "LLN0.dsStatus brcbStatus"],
  ["FDR1LD0/LLN0.Health.stVal[ST]", 'essential', 'health', "LLN0 health (Ok, Warning, Alarm) of the logical device", 'poll', ""],
  ["FDR1LD0/LPHD1.PhyHealth.stVal[ST]", 'essential', 'health', "LPHD physical device health (Ok, Warning, Alarm)", 'poll', ""],
  ["FDR1LD0/LPHD1.Proxy.stVal[ST]", 'extended', 'indication', "SPS status Proxy of LPHD (stVal)", 'poll', ""],
  ["FDR1LD0/GGIO1.Ind1.stVal[ST]", 'station', 'indication', "in data set FDR1LD0/LLN0.dsStatus that BRCB FDR1LD0/LLN0.brcbStatus reports (GGIO Ind1.stVal)", 'report', "LLN0.dsStatus brcbStatus"],
  ["FDR1LD0/GGIO1.Ind2.stVal[ST]", 'extended', 'indication', "generic indication Ind2 (GGIO Ind2.stVal)", 'poll', ""],
  ["FDR1LD0/GGIO1.Alm1.stVal[ST]", 'extended', 'indication', "generic alarm Alm1 (GGIO Alm1.stVal)", 'poll', ""],
  ["FDR1LD0/GGIO1.SPCSO1.stVal[ST]", 'extended', 'indication', "SPC status SPCSO1 of GGIO (stVal)", 'poll', ""],
  ["FDR1LD0/GGIO1.AnIn1.mag.f[MX]", 'extended', 'measurement', "generic analogue input AnIn1 magnitude (GGIO AnIn1.mag.f)", 'poll', ""],
  ["FDR1PROT/LLN0.Mod.stVal[ST]", 'essential', 'health', "LLN0 mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1PROT/LLN0.Beh.stVal[ST]", 'essential', 'health', "LLN0 behaviour (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1PROT/LLN0.Health.stVal[ST]", 'essential', 'health', "LLN0 health (Ok, Warning, Alarm) of the logical device", 'poll', ""],
  ["FDR1PROT/PTOC1.Str.general[ST]", 'station', 'protection', "in data set FDR1LD0/LLN0.dsProt that URCB FDR1LD0/LLN0.urcbProt reports (PTOC Str.general)", 'report', "LLN0.dsProt urcbProt"],
  ["FDR1PROT/PTOC1.Str.dirGeneral[ST]", 'station', 'protection', "in data set FDR1LD0/LLN0.dsProt that URCB FDR1LD0/LLN0.urcbProt reports (PTOC Str.dirGeneral)", 'report', "LLN0.dsProt urcbProt"],
  ["FDR1PROT/PTOC1.Op.general[ST]", 'essential', 'protection', "protection operate, any phase (PTOC Op.general)", 'report', "LLN0.dsProt urcbProt"],
  ["FDR1PROT/PTOC2.Str.general[ST]", 'extended', 'protection', "protection start (pickup), any phase (PTOC Str.general)", 'poll', ""],
  ["FDR1PROT/PTOC2.Str.dirGeneral[ST]", 'extended', 'protection', "protection start (pickup) direction (PTOC Str.dirGeneral)", 'poll', ""],
  ["FDR1PROT/PTOC2.Op.general[ST]", 'essential', 'protection', "protection operate, any phase (PTOC Op.general)", 'poll', ""],
  ["FDR1PROT/PDIS1.Str.general[ST]", 'extended', 'protection', "protection start (pickup), any phase (PDIS Str.general)", 'poll', ""],
  ["FDR1PROT/PDIS1.Str.dirGeneral[ST]", 'extended', 'protection', "protection start (pickup) direction (PDIS Str.dirGeneral)", 'poll', ""],
  ["FDR1PROT/PDIS1.Op.general[ST]", 'essential', 'protection', "protection operate, any phase (PDIS Op.general)", 'poll', ""],
  ["FDR1PROT/PTRC1.Tr.general[ST]", 'essential', 'protection', "trip (PTRC Tr.general)", 'report', "LLN0.dsStatus brcbStatus"],
  ["FDR1PROT/PTRC1.Tr.phsA[ST]", 'station', 'protection', "in data set FDR1LD0/LLN0.dsStatus that BRCB FDR1LD0/LLN0.brcbStatus reports (PTRC Tr.phsA)", 'report', "LLN0.dsStatus brcbStatus"],
  ["FDR1PROT/PTRC1.Op.general[ST]", 'essential', 'protection', "protection operate, any phase (PTRC Op.general)", 'poll', "LLN0.dsGoose"],
  ["FDR1_Control/LLN0.Mod.stVal[ST]", 'essential', 'health', "LLN0 mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1_Control/LLN0.Beh.stVal[ST]", 'essential', 'health', "LLN0 behaviour (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1_Control/LLN0.Health.stVal[ST]", 'essential', 'health', "LLN0 health (Ok, Warning, Alarm) of the logical device", 'poll', ""],
  ["FDR1_Control/Q0CSWI1.Loc.stVal[ST]", 'extended', 'indication', "SPS status Loc of CSWI (stVal)", 'poll', ""],
  ["FDR1_Control/Q0CSWI1.Pos.stVal[ST]", 'extended', 'position', "switch controller position (CSWI Pos.stVal)", 'poll', ""],
  ["FDR1_Control/XCBR1.Loc.stVal[ST]", 'extended', 'indication', "SPS status Loc of XCBR (stVal)", 'poll', ""],
  ["FDR1_Control/XCBR1.Pos.stVal[ST]", 'essential', 'position', "circuit breaker position (XCBR Pos.stVal)", 'report', "LLN0.dsStatus brcbStatus, LLN0.dsGoose"],
  ["FDR1_Control/XSWI1.Pos.stVal[ST]", 'essential', 'position', "switch/disconnector position (XSWI Pos.stVal)", 'report', "LLN0.dsStatus brcbStatus"],
  ["FDR1_Control/XSWI2.Pos.stVal[ST]", 'essential', 'position', "switch/disconnector position (XSWI Pos.stVal)", 'poll', ""],
  ["FDR1MEAS/LLN0.Mod.stVal[ST]", 'essential', 'health', "LLN0 mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1MEAS/LLN0.Beh.stVal[ST]", 'essential', 'health', "LLN0 behaviour (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted", 'poll', ""],
  ["FDR1MEAS/LLN0.Health.stVal[ST]", 'essential', 'health', "LLN0 health (Ok, Warning, Alarm) of the logical device", 'poll', ""],
  ["FDR1MEAS/MMXU1.TotW.mag.f[MX]", 'essential', 'measurement', "total active power magnitude in MW (MMXU TotW.mag.f)", 'report', "LLN0.dsMeas urcbMeas"],
  ["FDR1MEAS/MMXU1.Hz.mag.f[MX]", 'extended', 'measurement', "frequency magnitude in Hz (MMXU Hz.mag.f)", 'poll', ""],
  ["FDR1MEAS/MMXU1.PhV.phsA.cVal.mag.f[MX]", 'extended', 'measurement', "phase-to-ground voltage phsA magnitude in kV (MMXU PhV.phsA.cVal.mag.f)", 'poll', ""],
  ["FDR1MEAS/MMXU1.PhV.phsB.cVal.mag.f[MX]", 'extended', 'measurement', "phase-to-ground voltage phsB magnitude in kV (MMXU PhV.phsB.cVal.mag.f)", 'poll', ""],
  ["FDR1MEAS/MMXU1.PhV.phsC.cVal.mag.f[MX]", 'extended', 'measurement', "phase-to-ground voltage phsC magnitude in kV (MMXU PhV.phsC.cVal.mag.f)", 'poll', ""],
  ["FDR1MEAS/MMXU1.A.phsA.cVal.mag.f[MX]", 'essential', 'measurement', "phase current phsA magnitude in A (MMXU A.phsA.cVal.mag.f)", 'report', "LLN0.dsMeas urcbMeas"],
  ["FDR1MEAS/MMXU1.A.phsB.cVal.mag.f[MX]", 'essential', 'measurement', "phase current phsB magnitude in A (MMXU A.phsB.cVal.mag.f)", 'report', "LLN0.dsMeas urcbMeas"],
  ["FDR1MEAS/MMXU1.A.phsB.cVal.ang.f[MX]", 'station', 'measurement', "in data set FDR1LD0/LLN0.dsMeas that URCB FDR1LD0/LLN0.urcbMeas reports (MMXU A.phsB.cVal.ang.f)", 'report', "LLN0.dsMeas urcbMeas"],
  ["FDR1MEAS/MMXU1.A.phsC.cVal.mag.f[MX]", 'essential', 'measurement', "phase current phsC magnitude in A (MMXU A.phsC.cVal.mag.f)", 'poll', ""],
];

describe('planner on a realistic feeder relay', () => {
  it('recommends exactly the expected points, each with its reason and coverage', () => {
    expect(points.map((p) => [`${p.ref}[${p.fc}]`, p.tier, p.category, p.reason, p.coverage.mode, coverageText(p)])).toEqual(EXPECTED);
  });

  it('explains each coverage in one line', () => {
    const reason = (ref: string) => points.find((p) => `${p.ref}[${p.fc}]` === ref)?.coverage.reason;
    expect(reason('FDR1_Control/XCBR1.Pos.stVal[ST]')).toBe('reported on change by BRCB FDR1LD0/LLN0.brcbStatus');
    expect(reason('FDR1PROT/PTOC1.Op.general[ST]')).toBe('reported on change by URCB FDR1LD0/LLN0.urcbProt');
    expect(reason('FDR1MEAS/MMXU1.A.phsB.cVal.mag.f[MX]')).toBe('reported every integrity period by URCB FDR1LD0/LLN0.urcbMeas (no change trigger for it)');
    expect(reason('FDR1PROT/PTRC1.Op.general[ST]')).toBe('in FDR1LD0/LLN0.dsGoose, which no report control block reports');
    expect(reason('FDR1LD0/GGIO1.Alm1.stVal[ST]')).toBe('in no data set that a report control block reports');
  });

  it('gives the member and the RCB details a report plan needs', () => {
    const pos = points.find((p) => p.ref === 'FDR1_Control/XCBR1.Pos.stVal');
    expect(pos?.coverage.dataSets).toEqual([
      {
        ref: 'FDR1LD0/LLN0.dsStatus',
        member: 'FDR1_Control/XCBR1.Pos[ST]',
        reportControls: [
          { ref: 'FDR1LD0/LLN0.brcbStatus', name: 'brcbStatus', buffered: true, rptID: 'FDR1/status', instances: ['brcbStatus01', 'brcbStatus02'], trgOps: ['dchg', 'qchg', 'gi'], intgPd: 0, onChange: true },
        ],
      },
      { ref: 'FDR1LD0/LLN0.dsGoose', member: 'FDR1_Control/XCBR1.Pos.stVal[ST]', reportControls: [] },
    ]);
    const str = points.find((p) => p.ref === 'FDR1PROT/PTOC1.Str.dirGeneral');
    expect(str?.coverage.dataSets[0]?.reportControls[0]).toMatchObject({ name: 'urcbProt', buffered: false, instances: ['urcbProt'], trgOps: ['dchg'], onChange: true });
    const phsB = points.find((p) => p.ref === 'FDR1MEAS/MMXU1.A.phsB.cVal.mag.f');
    expect(phsB?.coverage.dataSets[0]).toMatchObject({ member: 'FDR1MEAS/MMXU1.A.phsB[MX]' });
    expect(phsB?.coverage.dataSets[0]?.reportControls[0]).toMatchObject({ name: 'urcbMeas', trgOps: ['period', 'gi'], intgPd: 1000, onChange: false });
  });

  it('carries types, units with multipliers, and enum values', () => {
    const byRef = new Map(points.map((p) => [p.ref, p]));
    expect(['FDR1_Control/XCBR1.Pos.stVal', 'FDR1PROT/PTOC1.Op.general', 'FDR1PROT/PTOC1.Str.dirGeneral', 'FDR1MEAS/MMXU1.Hz.mag.f', 'FDR1LD0/LLN0.Mod.stVal'].map((r) => byRef.get(r)?.type)).toEqual([
      'dbpos',
      'boolean',
      'enum',
      'float32',
      'enum',
    ]);
    expect(byRef.get('FDR1MEAS/MMXU1.TotW.mag.f')?.unit).toEqual({ siUnit: 'W', multiplier: 'M' });
    expect(byRef.get('FDR1MEAS/MMXU1.PhV.phsA.cVal.mag.f')?.unit).toEqual({ siUnit: 'V', multiplier: 'k' });
    expect(byRef.get('FDR1MEAS/MMXU1.A.phsC.cVal.mag.f')?.unit).toEqual({ siUnit: 'A' });
    expect(byRef.get('FDR1MEAS/MMXU1.Hz.mag.f')?.unit).toEqual({ siUnit: 'Hz' });
    expect(byRef.get('FDR1LD0/LLN0.Beh.stVal')?.enumValues?.map((v) => v.name)).toEqual(['on', 'blocked', 'test', 'test/blocked', 'off']);
    expect(byRef.get('FDR1PROT/PTOC1.Str.dirGeneral')).toMatchObject({ ld: 'FDR1PROT', ln: 'PTOC1', lnClass: 'PTOC', path: ['Str', 'dirGeneral'], cdc: 'ACD' });
  });
});

describe('planner rules at their edges', () => {
  const templates = `${LLN0_TEMPLATES}
<LNodeType id="MMXN_T" lnClass="MMXN"><DO name="Amp" type="MV_T"/><DO name="Vol" type="MV_T"/></LNodeType>
<LNodeType id="MSQI_T" lnClass="MSQI"><DO name="SeqA" type="SEQ_T"/></LNodeType>
<LNodeType id="PIOC_T" lnClass="PIOC"><DO name="Op" type="ACT_T"/><DO name="Str" type="ACT_T"/></LNodeType>
<LNodeType id="XYZ_T" lnClass="ZBAT"><DO name="BatHi" type="NOCDC_BOOL"/><DO name="Sw" type="NOCDC_DB"/><DO name="Cnt" type="NOCDC_INT"/></LNodeType>
<DOType id="MV_T" cdc="MV"><DA name="mag" bType="Struct" type="AV" fc="MX"/><DA name="q" bType="Quality" fc="MX"/></DOType>
<DOType id="CMV_T" cdc="CMV"><DA name="cVal" bType="Struct" type="Vec" fc="MX"/></DOType>
<DOType id="SEQ_T" cdc="SEQ"><SDO name="c1" type="CMV_T"/><SDO name="c2" type="CMV_T"/></DOType>
<DOType id="ACT_T" cdc="ACT"><DA name="general" bType="BOOLEAN" fc="ST" dchg="true"/><DA name="q" bType="Quality" fc="ST" qchg="true"/></DOType>
<DOType id="NOCDC_BOOL"><DA name="stVal" bType="BOOLEAN" fc="ST"/></DOType>
<DOType id="NOCDC_DB"><DA name="stVal" bType="Dbpos" fc="ST"/><DA name="ctlModel" bType="Enum" type="CtlModel" fc="CF"/></DOType>
<DOType id="NOCDC_INT"><DA name="stVal" bType="INT32" fc="ST"/></DOType>
<DAType id="AV"><BDA name="i" bType="INT32"/><BDA name="f" bType="FLOAT32"/></DAType>
<DAType id="Vec"><BDA name="mag" bType="Struct" type="AV"/></DAType>`;
  const lds = `<LDevice inst="L"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T">
<DataSet name="gi"><FCDA ldInst="L" lnClass="PIOC" lnInst="1" doName="Op" fc="ST"/></DataSet>
<DataSet name="q"><FCDA ldInst="L" lnClass="PIOC" lnInst="1" doName="Str" fc="ST"/></DataSet>
<ReportControl name="giOnly" datSet="gi"><TrgOps gi="true"/></ReportControl>
<ReportControl name="qOnly" datSet="q"><TrgOps qchg="true"/></ReportControl>
</LN0><LN lnClass="MMXN" inst="1" lnType="MMXN_T"/><LN lnClass="MSQI" inst="1" lnType="MSQI_T"/><LN lnClass="PIOC" inst="1" lnType="PIOC_T"/><LN lnClass="ZBAT" inst="1" lnType="XYZ_T"/></LDevice>`;
  const plan = planIed(importScl(sclDoc({ lds, templates })).ieds[0]!);

  it('finds MV and SEQ magnitudes, infers SPS/DPC from stVal when the CDC is missing, ignores what no rule names', () => {
    expect(plan.points.filter((p) => p.category !== 'health').map((p) => [`${p.ref}[${p.fc}]`, p.tier, p.category, p.cdc ?? '-', p.reason])).toEqual([
      ['IED1L/MMXN1.Amp.mag.f[MX]', 'extended', 'measurement', 'MV', 'current magnitude (MMXN Amp.mag.f)'],
      ['IED1L/MMXN1.Vol.mag.f[MX]', 'extended', 'measurement', 'MV', 'voltage magnitude (MMXN Vol.mag.f)'],
      ['IED1L/MSQI1.SeqA.c1.cVal.mag.f[MX]', 'extended', 'measurement', 'CMV', 'sequence current c1 magnitude (MSQI SeqA.c1.cVal.mag.f)'],
      ['IED1L/MSQI1.SeqA.c2.cVal.mag.f[MX]', 'extended', 'measurement', 'CMV', 'sequence current c2 magnitude (MSQI SeqA.c2.cVal.mag.f)'],
      ['IED1L/PIOC1.Op.general[ST]', 'essential', 'protection', 'ACT', 'protection operate, any phase (PIOC Op.general)'],
      // An RCB reports it (even one without a trigger that updates it): the integrator chose it.
      ['IED1L/PIOC1.Str.general[ST]', 'station', 'protection', 'ACT', 'in data set IED1L/LLN0.q that URCB IED1L/LLN0.qOnly reports (PIOC Str.general)'],
      ['IED1L/ZBAT1.BatHi.stVal[ST]', 'extended', 'indication', '-', 'SPS status BatHi of ZBAT (stVal)'],
      ['IED1L/ZBAT1.Sw.stVal[ST]', 'extended', 'indication', '-', 'DPC status Sw of ZBAT (stVal)'],
    ]);
  });

  it('puts every other ST/MX leaf in the all tier, each leaf in exactly one tier, and returns the tiers asked for', () => {
    const every = planIed(importScl(sclDoc({ lds, templates })).ieds[0]!, { tiers: ['essential', 'station', 'extended', 'all'] }).points;
    const leaves = [...leavesOfLd(serverLogicalDevices(importScl(sclDoc({ lds, templates })).ieds[0]!)[0]!)].filter((l) => (l.fc === 'ST' || l.fc === 'MX') && !l.inArray);
    expect(every.map((p) => `${p.ref}[${p.fc}]`)).toEqual(leaves.map((l) => `${l.ref}[${l.fc}]`));
    expect(every.filter((p) => p.tier === 'all').map((p) => [`${p.ref}[${p.fc}]`, p.category, p.reason])).toContainEqual([
      'IED1L/MMXN1.Amp.mag.i[MX]',
      'measurement',
      'measured attribute Amp.mag.i (int32) of MMXN',
    ]);
    expect(every.find((p) => p.ref === 'IED1L/ZBAT1.Cnt.stVal')).toMatchObject({ tier: 'all', category: 'indication', reason: 'status attribute Cnt.stVal (int32) of ZBAT' });
    const essentialOnly = planIed(importScl(sclDoc({ lds, templates })).ieds[0]!, { tiers: ['essential'] }).points;
    expect(essentialOnly.map((p) => p.ref)).toEqual(every.filter((p) => p.tier === 'essential').map((p) => p.ref));
    expect(plan.points.map((p) => p.tier)).not.toContain('all');
  });

  it('marks points "poll" when their RCB has no trigger that updates them', () => {
    const op = plan.points.find((p) => p.ref === 'IED1L/PIOC1.Op.general');
    expect([op?.coverage.mode, op?.coverage.reason]).toEqual(['poll', 'in IED1L/LLN0.gi, but giOnly has no trigger that updates it']);
    // qchg fires on quality changes; general declares dchg only, so a qchg-only RCB does not update it.
    const str = plan.points.find((p) => p.ref === 'IED1L/PIOC1.Str.general');
    expect([str?.coverage.mode, str?.coverage.reason]).toEqual(['poll', 'in IED1L/LLN0.q, but qOnly has no trigger that updates it']);
  });
});

describe('essential tier rules', () => {
  const templates = `${LLN0_TEMPLATES}
<LNodeType id="CSWI_T" lnClass="CSWI"><DO name="Pos" type="DPC_T"/></LNodeType>
<LNodeType id="RBRF_T" lnClass="RBRF"><DO name="OpEx" type="ACT_T"/><DO name="OpIn" type="ACT_T"/><DO name="Str" type="ACT_T"/></LNodeType>
<LNodeType id="PTRC_T" lnClass="PTRC"><DO name="Tr" type="ACT_T"/><DO name="Op" type="ACT_T"/><DO name="Str" type="ACT_T"/></LNodeType>
<LNodeType id="MMXU_T" lnClass="MMXU"><DO name="TotW" type="MV_T"/><DO name="Hz" type="MV_T"/><DO name="A" type="WYE_T"/></LNodeType>
<DOType id="DPC_T" cdc="DPC"><DA name="stVal" bType="Dbpos" fc="ST" dchg="true"/><DA name="q" bType="Quality" fc="ST"/></DOType>
<DOType id="ACT_T" cdc="ACT"><DA name="general" bType="BOOLEAN" fc="ST" dchg="true"/><DA name="phsA" bType="BOOLEAN" fc="ST" dchg="true"/></DOType>
<DOType id="MV_T" cdc="MV"><DA name="mag" bType="Struct" type="AV" fc="MX"/></DOType>
<DOType id="CMV_T" cdc="CMV"><DA name="cVal" bType="Struct" type="Vec" fc="MX"/></DOType>
<DOType id="WYE_T" cdc="WYE"><SDO name="phsA" type="CMV_T"/><SDO name="phsB" type="CMV_T"/><SDO name="phsC" type="CMV_T"/><SDO name="neut" type="CMV_T"/></DOType>
<DAType id="AV"><BDA name="f" bType="FLOAT32"/></DAType>
<DAType id="Vec"><BDA name="mag" bType="Struct" type="AV"/><BDA name="ang" bType="Struct" type="AV"/></DAType>`;
  const lds = `<LDevice inst="L"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/><LN prefix="Q0" lnClass="CSWI" inst="1" lnType="CSWI_T"/><LN lnClass="RBRF" inst="1" lnType="RBRF_T"/><LN lnClass="PTRC" inst="1" lnType="PTRC_T"/><LN lnClass="MMXU" inst="1" lnType="MMXU_T"/></LDevice>`;

  it('takes CSWI positions when the IED has no XCBR or XSWI, breaker failure, trip and operate, P, Q and phase currents', () => {
    const points = planIed(importScl(sclDoc({ lds, templates })).ieds[0]!, { tiers: ['essential'] }).points;
    expect(points.map((p) => [`${p.ref}[${p.fc}]`, p.category, p.reason])).toEqual([
      ['IED1L/LLN0.Mod.stVal[ST]', 'health', 'LLN0 mode (on, blocked, test, test/blocked, off): shows Test or Test/Blocked before its values are trusted'],
      ['IED1L/Q0CSWI1.Pos.stVal[ST]', 'position', 'switch controller position (CSWI Pos.stVal)'],
      ['IED1L/RBRF1.OpEx.general[ST]', 'protection', 'breaker failure trip (external) (RBRF OpEx.general)'],
      ['IED1L/RBRF1.OpIn.general[ST]', 'protection', 'breaker failure retrip (internal) (RBRF OpIn.general)'],
      ['IED1L/PTRC1.Tr.general[ST]', 'protection', 'trip (PTRC Tr.general)'],
      ['IED1L/PTRC1.Op.general[ST]', 'protection', 'protection operate, any phase (PTRC Op.general)'],
      ['IED1L/MMXU1.TotW.mag.f[MX]', 'measurement', 'total active power magnitude (MMXU TotW.mag.f)'],
      ['IED1L/MMXU1.A.phsA.cVal.mag.f[MX]', 'measurement', 'phase current phsA magnitude (MMXU A.phsA.cVal.mag.f)'],
      ['IED1L/MMXU1.A.phsB.cVal.mag.f[MX]', 'measurement', 'phase current phsB magnitude (MMXU A.phsB.cVal.mag.f)'],
      ['IED1L/MMXU1.A.phsC.cVal.mag.f[MX]', 'measurement', 'phase current phsC magnitude (MMXU A.phsC.cVal.mag.f)'],
    ]);
    // Starts, phase signals, other measurands, neutral current and angles are not essential.
    const extended = planIed(importScl(sclDoc({ lds, templates })).ieds[0]!, { tiers: ['extended'] }).points.map((p) => p.ref);
    expect(extended).toEqual(expect.arrayContaining(['IED1L/RBRF1.Str.general', 'IED1L/PTRC1.Str.general', 'IED1L/MMXU1.Hz.mag.f', 'IED1L/MMXU1.A.neut.cVal.mag.f']));
  });

  it('leaves the CSWI position to the extended tier when the IED has an XCBR', () => {
    const withBreaker = lds.replace('</LDevice>', '<LN lnClass="XCBR" inst="1" lnType="XCBR_T"/></LDevice>');
    const points = planIed(importScl(sclDoc({ lds: withBreaker, templates: `${templates}<LNodeType id="XCBR_T" lnClass="XCBR"><DO name="Pos" type="DPC_T"/></LNodeType>` })).ieds[0]!).points;
    expect(points.filter((p) => p.category === 'position').map((p) => [p.ref, p.tier])).toEqual([
      ['IED1L/Q0CSWI1.Pos.stVal', 'extended'],
      ['IED1L/XCBR1.Pos.stVal', 'essential'],
    ]);
  });
});
