import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SclFile } from './file';
import { LLN0_TEMPLATES, sclDoc } from './fixtures/scl-text';
import { importScl } from './importer';
import { iedCounts, serverLogicalDevices } from './leaves';
import type { SclDocument, SclIed } from './model';

const NS = 'http://www.iec.ch/61850/2003/SCL';
const FEEDER = readFileSync(join(import.meta.dirname, 'fixtures', 'feeder-relay.cid'));

const lns = (ied: SclIed) => serverLogicalDevices(ied).flatMap((ld) => ld.logicalNodes);
const valueCount = (ied: SclIed) => lns(ied).reduce((n, ln) => n + ln.values.size, 0);
const memberCount = (ied: SclIed) => lns(ied).reduce((n, ln) => n + ln.dataSets.reduce((m, d) => m + d.members.length, 0), 0);

/** The model without what differs by construction (nothing should): JSON of every IED in full. */
const modelJson = (doc: SclDocument) => JSON.stringify(doc.ieds, (_k, v: unknown) => (v instanceof Map ? [...v] : v));

describe('SclFile: overview first, details on demand', () => {
  it('gives every IED without instance values or data set members, with the same counts', () => {
    const full = importScl(FEEDER);
    const scl = SclFile.open(FEEDER);
    const overview = scl.overview();
    expect(overview.ieds.map(iedCounts)).toEqual(full.ieds.map(iedCounts));
    expect(overview.ieds.map(valueCount)).toEqual([0]);
    expect(overview.ieds.map(memberCount)).toEqual([0]);
    expect(full.ieds.map(valueCount)[0]).toBeGreaterThan(5);
    expect(full.ieds.map(memberCount)[0]).toBeGreaterThan(5);
    // The data sets are there by name, so RCBs still name theirs.
    expect(lns(overview.ieds[0]!).flatMap((ln) => ln.reportControls.map((r) => r.dataSetRef))).toEqual(lns(full.ieds[0]!).flatMap((ln) => ln.reportControls.map((r) => r.dataSetRef)));
  });

  it('gives one IED in full, equal to the full import, with the warnings about its data set members', () => {
    const full = importScl(FEEDER);
    const scl = SclFile.open(FEEDER);
    const detail = scl.details(scl.overview().ieds[0]!);
    expect(modelJson({ ...full, ieds: [detail.ied] })).toBe(modelJson(full));
    expect(scl.overview().warnings).toEqual([]);
    expect(detail.warnings.map((w) => w.code)).toEqual(['unresolved-member']);
    expect(full.warnings).toEqual(detail.warnings);
  });

  it('shares the resolved type trees between the overview and the details', () => {
    const scl = SclFile.open(FEEDER);
    const overview = scl.overview().ieds[0]!;
    const detail = scl.details(overview).ied;
    expect(lns(detail).map((ln) => ln.type)).toEqual(lns(overview).map((ln) => ln.type));
    lns(detail).forEach((ln, i) => expect(ln.type).toBe(lns(overview)[i]!.type));
  });

  it('is not confused by Private elements, vendor namespaces on them or on DAIs, and self-closing DataSets and DOIs', () => {
    const text = sclDoc({
      lds: `<LDevice inst="A"><Private type="v" xmlns:v="urn:vendor"><v:x><DOI name="Mod"/></v:x></Private>
        <LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><Private type="p"><LN lnClass="X" inst="9" lnType="nope"/></Private>
          <DataSet name="Empty"/><DataSet name="DS"><FCDA ldInst="A" lnClass="LLN0" doName="Mod" fc="ST"/><FCDA ldInst="A" lnClass="LLN0" doName="Nope" fc="ST"/></DataSet>
          <ReportControl name="rc" datSet="DS"><RptEnabled max="2"/></ReportControl>
          <DOI name="Mod" desc="mode"/>
          <DOI name="Beh"><DAI xmlns:e="urn:sel" name="stVal" e:src="db:1"><Val>on</Val></DAI></DOI>
        </LN0></LDevice>`,
      templates: LLN0_TEMPLATES,
    });
    const full = importScl(text);
    const scl = SclFile.open(text);
    const overview = scl.overview();
    expect(overview.ieds.map(iedCounts)).toEqual([{ logicalDevices: 1, logicalNodes: 1, dataSets: 2, reportControls: 1, reportInstances: 2, leaves: 4 }]);
    expect([valueCount(overview.ieds[0]!), memberCount(overview.ieds[0]!)]).toEqual([0, 0]);
    const detail = scl.details(overview.ieds[0]!);
    expect(modelJson({ ...full, ieds: [detail.ied] })).toBe(modelJson(full));
    expect([...lns(detail.ied)[0]!.values]).toEqual([
      ['Mod', { desc: 'mode' }],
      ['Beh.stVal', { value: 'on' }],
    ]);
    expect(detail.warnings.map((w) => w.message)).toEqual(['data set IED1A/LLN0.DS: 1 of 2 members do not resolve: IED1A/LLN0.Nope[ST] (no DO \'Nope\' below the LN)']);
  });

  it('reads an IED whose LNs use a prefix bound below the root (the whole IED is parsed at once)', () => {
    const plain = sclDoc({
      lds: '<LDevice inst="A"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DataSet name="DS"><FCDA ldInst="A" lnClass="LLN0" doName="Mod" fc="ST"/></DataSet><DOI name="Mod" desc="m"/></LN0></LDevice>',
      templates: LLN0_TEMPLATES,
    });
    // <IED xmlns:q="…SCL"><q:AccessPoint>…<q:LN0>: the scanner cannot know q from the root.
    const bound = plain
      .replace('<IED name="IED1">', `<IED name="IED1" xmlns:q="${NS}">`)
      .replace(/<(\/?)(AccessPoint|Server|Authentication|LDevice|LN0|DataSet|FCDA|DOI)\b/g, '<$1q:$2');
    expect(bound).toContain('<q:LN0 ');
    const scl = SclFile.open(bound);
    const detail = scl.details(scl.overview().ieds[0]!);
    expect(modelJson({ ...importScl(bound), ieds: [detail.ied] })).toBe(modelJson(importScl(plain)));
    expect(iedCounts(scl.overview().ieds[0]!)).toEqual(iedCounts(importScl(plain).ieds[0]!));
  });

  it('keeps reading an IED that redeclares the SCL namespace the root already binds', () => {
    const plain = sclDoc({ lds: '<LDevice inst="A"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><DOI name="Mod" desc="m"/></LN0></LDevice>', templates: LLN0_TEMPLATES });
    const redeclared = plain.replace('<IED name="IED1">', `<IED xmlns="${NS}" name="IED1">`);
    const scl = SclFile.open(redeclared);
    expect(valueCount(scl.overview().ieds[0]!)).toBe(0);
    expect(modelJson({ ...importScl(plain), ieds: [scl.details(scl.overview().ieds[0]!).ied] })).toBe(modelJson(importScl(plain)));
  });

  it('locates errors found after open (a limit while building the overview) in the file', () => {
    const scl = SclFile.open(FEEDER, { fileName: 'f.cid', limits: { maxLeavesPerIed: 10 } });
    expect(() => scl.overview()).toThrow(/IED FDR1 resolves to 275 leaves, more than 10 \(maxLeavesPerIed\)/);
    try {
      scl.overview();
    } catch (err) {
      expect((err as { file?: string }).file).toBe('f.cid');
    }
  });
});
