import { discoverModel, type DiscoveredModel, type IedClient } from '../../client';
import { parseObjectReference, type Fc } from '../../iec61850';
import { domainName, type MmsTypeSpec, type MmsValue } from '../../mms';
import { SAVED_MODEL_FORMAT, encodeSavedValue, zeroValue, type SavedLn, type SavedModel, type SavedRcb } from '../../sim';

/** FCs not read: CO (reading SBO would select a control of the live IED). RCBs are captured apart. */
const NOT_READ: readonly string[] = ['CO'];

/**
 * Captures a live IED as a saved model: its identity, every LN's type by FC (discovery) with the
 * current values (one read per LN and FC, per DO where an FC does not fit a response), its data sets
 * and its RCBs' configuration. Control values (CO) are not read: the clone starts them at zero.
 */
export async function cloneIed(client: IedClient, where: string, onProgress: (line: string) => void = () => undefined): Promise<SavedModel> {
  const identity = await client.identify().catch(() => ({ vendorName: 'unknown', modelName: 'unknown', revision: '' }));
  onProgress(`browsing the model of ${where}`);
  const model = await discoverModel(client);
  onProgress(`reading ${model.logicalNodes.length} LNs`);
  const domains: { name: string; lns: SavedLn[] }[] = model.logicalDevices.map((name) => ({ name, lns: [] }));
  for (const ln of model.logicalNodes) {
    const fcs = ln.fcs.filter((f) => f.fc !== 'RP' && f.fc !== 'BR');
    const values = await readFcs(client, ln.ld, ln.ln, fcs);
    domains.find((d) => d.name === ln.ld)?.lns.push({
      name: ln.ln,
      fcs: fcs.map((f, i) => ({ fc: f.fc, type: f.type, value: encodeSavedValue(values[i]!) })),
    });
  }
  const dataSets = await Promise.all(
    model.dataSets.map(async (ds) => {
      const { ld, ln, path } = parseObjectReference(ds.ref);
      const item = `${ln}$${path[0] ?? ''}`;
      return { domain: ld, item, members: await client.dataSetMembers(domainName(ld, item)) };
    }),
  );
  return {
    format: SAVED_MODEL_FORMAT,
    version: 1,
    ied: iedNameOf(model.logicalDevices) ?? identity.modelName,
    identity,
    clonedFrom: where,
    clonedAt: new Date().toISOString(),
    domains,
    dataSets,
    rcbs: rcbsOf(model),
  };
}

/** The value of each FC of an LN: read whole, or DO by DO when the whole FC cannot be read. */
async function readFcs(client: IedClient, ld: string, ln: string, fcs: readonly { fc: Fc; type: MmsTypeSpec }[]): Promise<MmsValue[]> {
  const readable = fcs.filter((f) => !NOT_READ.includes(f.fc));
  const results = await client.readVariables(readable.map((f) => domainName(ld, `${ln}$${f.fc}`))).catch(() => []);
  return Promise.all(
    fcs.map(async (f) => {
      if (NOT_READ.includes(f.fc)) return zeroValue(f.type, undefined, Date.now());
      const whole = results[readable.indexOf(f)];
      if (whole?.ok) return whole.value;
      if (f.type.type !== 'structure') return zeroValue(f.type, undefined, Date.now());
      const parts = await client.readVariables(f.type.components.map((c) => domainName(ld, `${ln}$${f.fc}$${c.name}`))).catch(() => []);
      return {
        type: 'structure' as const,
        members: f.type.components.map((c, i) => {
          const part = parts[i];
          return part?.ok ? part.value : zeroValue(c.spec, undefined, Date.now());
        }),
      };
    }),
  );
}

function rcbsOf(model: DiscoveredModel): SavedRcb[] {
  return model.reportControls.flatMap((r) => {
    const s = r.state;
    if (!s) return [];
    const { ld, ln, path } = parseObjectReference(r.ref);
    return [
      {
        domain: ld,
        ln,
        name: path[0] ?? '',
        buffered: r.buffered,
        rptId: s.rptId,
        datSet: s.datSet,
        confRev: s.confRev,
        optFlds: s.optFlds,
        trgOps: s.trgOps,
        bufTm: s.bufTm,
        intgPd: s.intgPd,
        withResvTms: s.resvTms !== undefined,
        withOwner: s.owner !== undefined,
      },
    ];
  });
}

/**
 * MMS does not carry the IED name; LD names are IED name + LD instance (IEC 61850-6 §8.5.3), so their
 * common prefix is the best guess (`FDR1` of FDR1CTRL, FDR1LD0 …), when it is at least 2 characters.
 */
function iedNameOf(lds: readonly string[]): string | undefined {
  let prefix = lds[0] ?? '';
  for (const ld of lds) while (!ld.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.length >= 2 ? prefix : undefined;
}
