import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SclError } from './errors';
import { LLN0_TEMPLATES, sclDoc } from './fixtures/scl-text';
import { importScl, type SclProgress } from './importer';
import { iedCounts } from './leaves';
import type { SclDocument } from './model';

const NS = 'http://www.iec.ch/61850/2003/SCL';
const GGIO_TEMPLATES = `${LLN0_TEMPLATES}<LNodeType id="G" lnClass="GGIO"><DO name="Ind1" type="SPS"/></LNodeType><DOType id="SPS" cdc="SPS"><DA name="stVal" bType="BOOLEAN" fc="ST"/><DA name="q" bType="Quality" fc="ST"/></DOType>`;

function shape(doc: SclDocument) {
  return doc.ieds.map((ied) => ({
    name: ied.name,
    lds: ied.accessPoints.flatMap((ap) => ap.logicalDevices.map((ld) => `${ld.name}: ${ld.logicalNodes.map((ln) => `${ln.name}(${ln.type?.leafCount ?? '-'})`).join(' ')}`)),
    counts: iedCounts(ied),
  }));
}

const FEEDER = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures', 'feeder-relay.cid')));

describe('namespaces and prefixes', () => {
  const plain = sclDoc({ lds: '<LDevice inst="A"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/><LN lnClass="GGIO" inst="1" lnType="G"/></LDevice>', templates: GGIO_TEMPLATES });
  const expected = [{ name: 'IED1', lds: ['IED1A: LLN0(4) GGIO1(2)'], counts: { logicalDevices: 1, logicalNodes: 2, dataSets: 0, reportControls: 0, reportInstances: 0, leaves: 6 } }];

  it('reads a default-namespace document', () => {
    expect(shape(importScl(plain))).toEqual(expected);
  });

  it('reads a document where every element carries an SCL prefix (scl:SCL)', () => {
    const prefixed = plain
      .replace(/<(\/?)([A-Z][A-Za-z0-9]*)/g, '<$1scl:$2')
      .replace(`<scl:SCL xmlns="${NS}"`, `<scl:SCL xmlns:scl="${NS}"`);
    expect(prefixed).toContain('<scl:LN0 ');
    const doc = importScl(prefixed);
    expect(shape(doc)).toEqual(expected);
    expect(doc.warnings).toEqual([]);
  });

  it('ignores elements of other namespaces, declared on the root or deeper, wherever they are', () => {
    const lds = [
      '<v:LDevice inst="FAKE"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/></v:LDevice>',
      '<LDevice inst="A"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"><v:Extra><DOI name="Mod"/></v:Extra></LN0><v:LN lnClass="GGIO" inst="9" lnType="G"/><LN lnClass="GGIO" inst="1" lnType="G"><Private type="x"><v:Cfg a="1"/></Private></LN></LDevice>',
    ].join('');
    const rootDeclared = sclDoc({ lds, templates: GGIO_TEMPLATES, open: `<SCL xmlns="${NS}" xmlns:v="urn:vendor" version="2007" revision="B">` }).replace(
      '<Header id="fixture"/>',
      '<Header id="fixture"/><v:IED name="ghost"/>',
    );
    expect(shape(importScl(rootDeclared))).toEqual(expected);
    // The same with the vendor prefix declared below the root (the importer then parses IEDs whole).
    const deepDeclared = rootDeclared.replace(' xmlns:v="urn:vendor"', '').replace('<IED name="IED1">', '<IED name="IED1" xmlns:v="urn:vendor">').replace('<v:IED name="ghost"/>', '<IED xmlns="urn:vendor" name="ghost"/>');
    expect(shape(importScl(deepDeclared))).toEqual(expected);
  });

  it('refuses a root that is not SCL or is in another namespace; warns about a root without one', () => {
    expect(() => importScl('<scd xmlns="urn:x"/>')).toThrow(/the root element is <scd>, not <SCL>: this is not an SCL file/);
    const other = (() => {
      try {
        importScl('<SCL xmlns="urn:not-scl"><IED name="A"/></SCL>', { fileName: 'o.scd' });
      } catch (err) {
        return err as SclError;
      }
      return undefined;
    })();
    expect([other?.code, other?.toLine()]).toEqual(['not-scl', `scl/not-scl: o.scd:1:1: the root element is in namespace 'urn:not-scl', not the SCL namespace ${NS}`]);
    const bare = importScl(plain.replace(` xmlns="${NS}"`, ''));
    expect(shape(bare)).toEqual(expected);
    expect(bare.warnings.map((w) => w.code)).toEqual(['no-namespace']);
  });
});

describe('the document', () => {
  const doc = importScl(FEEDER, { fileName: 'feeder-relay.cid' });

  it('keeps header, edition, services and template counts', () => {
    expect(doc.fileName).toBe('feeder-relay.cid');
    expect(doc.header).toEqual({ id: 'FeederRelay', version: undefined, revision: undefined, toolID: 'hand-written', nameStructure: 'IEDName' });
    expect(doc.edition).toEqual({ version: '2007', revision: 'B', release: '4' });
    expect(doc.templates).toEqual({ lnodeTypes: 10, doTypes: 18, daTypes: 7, enumTypes: 6 });
    const ied = doc.ieds[0];
    expect([ied?.name, ied?.type, ied?.manufacturer, ied?.configVersion]).toEqual(['FDR1', 'FeederRelay', 'RelayGate tests', '1.0']);
    expect(ied?.services).toEqual({
      DynAssociation: {},
      GetDirectory: {},
      GetDataSetValue: {},
      ConfReportControl: { max: '8', bufConf: 'false' },
      ReportSettings: { rptID: 'Dyn', optFields: 'Dyn', bufTime: 'Dyn', trgOps: 'Dyn', intgPd: 'Dyn' },
      GOOSE: { max: '4' },
    });
  });

  it('builds the same model whether IEDs are parsed LN by LN or whole', () => {
    const text = new TextDecoder().decode(FEEDER);
    // A namespace declared below the root makes the importer parse each IED whole.
    const whole = importScl(text.replace('<IED name="FDR1"', '<IED xmlns:x="urn:x" name="FDR1"'));
    expect(shape(whole)).toEqual(shape(doc));
    expect(JSON.stringify(whole.ieds[0]?.accessPoints)).toBe(JSON.stringify(doc.ieds[0]?.accessPoints));
  });

  it('reports progress: phases in order, fraction never decreasing, one event per IED', () => {
    const events: SclProgress[] = [];
    const two = new TextDecoder().decode(FEEDER).replace('</IED>', '</IED><IED name="FDR2"><AccessPoint name="S1"/></IED>');
    importScl(two, { onProgress: (p) => events.push(p) });
    expect(events.map((e) => e.phase)).toEqual(['decode', 'scan', 'templates', 'templates', 'communication', 'ieds', 'ieds', 'done']);
    expect(events.filter((e) => e.phase === 'ieds').map((e) => e.detail)).toEqual(['FDR1', 'FDR2']);
    for (let i = 1; i < events.length; i++) expect(events[i]!.fraction).toBeGreaterThanOrEqual(events[i - 1]!.fraction);
    expect([events[0]?.fraction, events.at(-1)?.fraction]).toEqual([0, 1]);
  });

  it('warns about two IEDs with one name', () => {
    const dup = new TextDecoder().decode(FEEDER).replace('</IED>', '</IED><IED name="FDR1"/>');
    expect(importScl(dup).warnings.filter((w) => w.code === 'duplicate-name').map((w) => w.message)).toEqual(["two IEDs are named 'FDR1'"]);
  });
});
