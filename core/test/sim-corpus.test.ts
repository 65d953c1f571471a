/**
 * Every IED with a server in the shared SCL corpus (../shared/scl, beside the repository), served by the
 * simulator and browsed by the project's client over TCP, compared leaf by leaf with the SCL import:
 * the same LDs, every basic-typed leaf with its FC and the type the client reads it as, every array,
 * every data set with its members, every RCB instance.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverModel, isoStackFor, openIed } from '../client';
import { SclError, importScl, leavesOf, serverLogicalDevices, type SclDocument, type SclLeaf } from '../scl';
import { Simulator, servableIeds } from '../sim';
import { findCorpus } from './support/corpus';
import { standardEnumNames } from '../iec61850';

const CORPUS = findCorpus() ?? '';
const present = CORPUS !== '';
if (!present) console.warn('simulator corpus tests SKIPPED: no shared/scl beside the repository');

function sclFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sclFiles(path);
    return /\.(scd|cid|icd|iid|sed|ssd|xml)$/i.test(name) ? [path] : [];
  });
}

function load(path: string): SclDocument | undefined {
  try {
    return importScl(new Uint8Array(readFileSync(path)), { fileName: relative(CORPUS, path) });
  } catch (err) {
    if (err instanceof SclError) return undefined; // not well-formed: nothing to serve
    throw err;
  }
}

const cases = present
  ? sclFiles(CORPUS).flatMap((path) => {
      const doc = load(path);
      return doc ? servableIeds(doc).map((ied) => [relative(CORPUS, path), ied.name, doc] as const) : [];
    })
  : [];

/**
 * The type the client reads an SCL leaf as: the SCL type name, except where MMS loses it — an enum is
 * an integer on the wire (named only for the stVal of the DOs with a standard enum: Mod, Beh, Health, EEHealth, PhyHealth), a quality only as `q`, a Dbpos only
 * as stVal or ctlVal — as docs/CLIENT.md describes discovery.
 */
function wireType(leaf: SclLeaf): string {
  const name = leaf.path[leaf.path.length - 1] ?? '';
  const doName = leaf.path[0] ?? '';
  const integer = /^u?int\d+$/.test(leaf.type) || leaf.type === 'enum';
  if (integer && name === 'stVal' && leaf.path.length === 2 && standardEnumNames(doName) !== undefined) return 'enum';
  switch (leaf.type) {
    case 'enum': {
      const max = Math.max(0, ...(leaf.attribute.enumType?.values.map((v) => v.ord) ?? []));
      return max > 0x7fff ? 'int32' : max > 0x7f ? 'int16' : 'int8';
    }
    case 'quality':
      return name === 'q' ? 'quality' : 'bitstring';
    case 'dbpos':
      return name === 'stVal' || name === 'ctlVal' ? 'dbpos' : 'bitstring';
    case 'bitstring':
      return (name === 'stVal' || name === 'ctlVal') && ['Tcmd', 'Check'].includes(leaf.attribute.bType) ? 'dbpos' : 'bitstring';
    default:
      return leaf.type;
  }
}

describe.skipIf(!present)('every IED of the SCL corpus, served and browsed', () => {
  it.each(cases.map(([file, ied, doc]) => [`${file} ${ied}`, ied, doc] as const))('%s', async (_name, ied, doc) => {
    const sim = await Simulator.start({ scl: doc, ied });
    try {
      const session = await openIed({ host: '127.0.0.1', port: sim.port }, isoStackFor);
      const found = await discoverModel(session.client);
      await session.close();
      expect(found.warnings).toEqual([]);
      const scl = servableIeds(doc).find((i) => i.name === ied)!;
      const lds = serverLogicalDevices(scl);
      expect(found.logicalDevices).toEqual([...new Set(lds.map((l) => l.name))].sort());

      // Leaf by leaf: everything the SCL has is served with its FC and type.
      const sclLeaves = lds.flatMap((ld) => ld.logicalNodes.flatMap((ln) => [...leavesOf(ld.name, ln)])).filter((l) => l.fc !== undefined);
      const served = new Map(found.leaves.map((l) => [`${l.ref}[${l.fc}]`, l.type]));
      const arrays = found.leaves.filter((l) => l.type === 'array').map((l) => `${l.ref}.`);
      const missing: string[] = [];
      const wrongType: string[] = [];
      for (const leaf of sclLeaves) {
        const key = `${leaf.ref}[${leaf.fc}]`;
        if (leaf.inArray) {
          if (!arrays.some((a) => `${leaf.ref}.`.startsWith(a) || `${leaf.ref.replace(/\.[^.]+$/, '')}.`.startsWith(a))) missing.push(key);
          continue;
        }
        if (leaf.attribute.bType === 'PhyComAddr') continue; // a structure on the wire: its members are the leaves
        const type = served.get(key);
        if (type === undefined) missing.push(key);
        else if (type !== wireType(leaf)) wrongType.push(`${key}: ${type}, SCL ${leaf.attribute.bType}`);
      }
      expect(missing).toEqual([]);
      expect(wrongType).toEqual([]);

      // Nothing served that the SCL does not have, but the setting groups' SGCB and SE copies.
      const sclKeys = new Set(sclLeaves.map((l) => `${l.ref}[${l.fc}]`));
      const extra = found.leaves.filter(
        (l) => l.type !== 'array' && !sclKeys.has(`${l.ref}[${l.fc}]`) && l.fc !== 'SE' && !/\.SGCB\./.test(l.ref) && !/\.Addr|\.PRIORITY|\.VID|\.APPID/.test(l.ref),
      );
      expect(extra).toEqual([]);

      // Data sets with their members, and every RCB instance with its data set.
      // A data set none of whose members resolves cannot be served (the simulator says so in its warnings).
      const sclSets = lds.flatMap((ld) => ld.logicalNodes.flatMap((ln) => ln.dataSets)).filter((d) => d.members.some((m) => m.resolved));
      expect(found.dataSets.map((d) => d.ref).sort()).toEqual(sclSets.map((d) => d.ref).sort());
      for (const ds of sclSets) {
        const got = found.dataSets.find((d) => d.ref === ds.ref);
        expect(got?.members.map((m) => `${m.ref}[${m.fc}]`)).toEqual(ds.members.filter((m) => m.resolved).map((m) => m.ref));
      }
      const sclRcbs = lds.flatMap((ld) => ld.logicalNodes.flatMap((ln) => ln.reportControls));
      expect(found.reportControls.map((r) => r.ref).sort()).toEqual(sclRcbs.flatMap((r) => r.instances.map((i) => `${r.ld}/${r.ln}.${i}`)).sort());
      for (const rc of sclRcbs)
        for (const inst of rc.instances) {
          const got = found.reportControls.find((r) => r.ref === `${rc.ld}/${rc.ln}.${inst}`);
          expect([got?.buffered, got?.dataSet]).toEqual([rc.buffered, rc.dataSetRef]);
        }
    } finally {
      await sim.stop();
    }
  });
});
