import type { SclConnection, SclSubNetwork } from './model';
import type { Warnings } from './warnings';
import { childrenNamed, firstChild, type XmlElement } from './xml';

/** Address of a GSE or SMV control block from ConnectedAP/GSE|SMV, keyed by `ldInst/cbName`. */
export type ControlAddresses = ReadonlyMap<string, Readonly<Record<string, string>>>;

export interface CommunicationIndex {
  readonly subNetworks: readonly SclSubNetwork[];
  connection(iedName: string, apName: string): SclConnection | undefined;
  gse(iedName: string, ldInst: string, cbName: string): Readonly<Record<string, string>>;
  smv(iedName: string, ldInst: string, cbName: string): Readonly<Record<string, string>>;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const NONE: Readonly<Record<string, string>> = Object.freeze({});

/** Reads Communication: SubNetwork → ConnectedAP → Address/P, GSE and SMV. */
export function readCommunication(el: XmlElement | undefined, warnings: Warnings): CommunicationIndex {
  const subNetworks: SclSubNetwork[] = [];
  const byAp = new Map<string, SclConnection>();
  const gse = new Map<string, Readonly<Record<string, string>>>();
  const smv = new Map<string, Readonly<Record<string, string>>>();
  for (const sn of el ? childrenNamed(el, 'SubNetwork') : []) {
    const name = sn.attrs.name ?? '';
    const connectedAps: { iedName: string; apName: string; connection: SclConnection }[] = [];
    for (const cap of childrenNamed(sn, 'ConnectedAP')) {
      const iedName = cap.attrs.iedName ?? '';
      const apName = cap.attrs.apName ?? '';
      const connection = toConnection(name, parameters(firstChild(cap, 'Address')), `${iedName}/${apName}`, warnings);
      connectedAps.push({ iedName, apName, connection });
      const key = `${iedName}\u0000${apName}`;
      // An AP on two subnetworks: the first with an IP address wins, as the MMS client needs one.
      const known = byAp.get(key);
      if (!known || (known.ip === undefined && connection.ip !== undefined)) byAp.set(key, connection);
      for (const g of childrenNamed(cap, 'GSE')) gse.set(controlKey(iedName, g), parameters(firstChild(g, 'Address')));
      for (const s of childrenNamed(cap, 'SMV')) smv.set(controlKey(iedName, s), parameters(firstChild(s, 'Address')));
    }
    subNetworks.push({ name, type: sn.attrs.type, connectedAps });
  }
  return {
    subNetworks,
    connection: (iedName, apName) => byAp.get(`${iedName}\u0000${apName}`),
    gse: (iedName, ldInst, cbName) => gse.get(`${iedName}\u0000${ldInst}\u0000${cbName}`) ?? NONE,
    smv: (iedName, ldInst, cbName) => smv.get(`${iedName}\u0000${ldInst}\u0000${cbName}`) ?? NONE,
  };
}

function controlKey(iedName: string, el: XmlElement): string {
  return `${iedName}\u0000${el.attrs.ldInst ?? ''}\u0000${el.attrs.cbName ?? ''}`;
}

function parameters(address: XmlElement | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of address ? childrenNamed(address, 'P') : []) {
    const type = p.attrs.type;
    if (type !== undefined && !Object.hasOwn(out, type)) out[type] = p.text;
  }
  return out;
}

/**
 * Maps P types (IEC 61850-6 §9.3.3 / Ed2.1 tP types) to the client's settings. Values that are not
 * what their type says are kept in `parameters` but not used, with a warning.
 */
function toConnection(subNetwork: string, p: Record<string, string>, where: string, warnings: Warnings): SclConnection {
  const bad = (type: string, why: string) => warnings.add('bad-address', `${where}: P type ${type} '${p[type] ?? ''}' ${why}; it is not used`);
  const ipv4 = (type: string): string | undefined => {
    const v = p[type];
    if (v === undefined) return undefined;
    if (IPV4.test(v)) return v;
    bad(type, 'is not an IPv4 address');
    return undefined;
  };
  const hex = (type: string): string | undefined => {
    // Some tools space the bytes (`00 01`); the selector is the same.
    const v = p[type]?.replace(/\s+/g, '');
    if (v === undefined) return undefined;
    if (/^([0-9A-Fa-f]{2})+$/.test(v)) return v;
    bad(type, 'is not a hex selector with an even number of digits');
    return undefined;
  };
  const port = p['MMS-Port'] === undefined ? undefined : Number(p['MMS-Port']);
  const portOk = port !== undefined && Number.isInteger(port) && port >= 1 && port <= 65535;
  if (port !== undefined && !portOk) bad('MMS-Port', 'is not a TCP port');
  const ae = p['OSI-AE-Qualifier'];
  const aeNumber = ae === undefined ? undefined : Number(ae);
  if (ae !== undefined && !Number.isInteger(aeNumber)) bad('OSI-AE-Qualifier', 'is not an integer');
  return {
    subNetwork,
    ip: ipv4('IP'),
    ipSubnet: ipv4('IP-SUBNET'),
    ipGateway: ipv4('IP-GATEWAY'),
    port: portOk ? port : undefined,
    tsel: hex('OSI-TSEL'),
    ssel: hex('OSI-SSEL'),
    psel: hex('OSI-PSEL'),
    apTitle: apTitle(p['OSI-AP-Title'], () => bad('OSI-AP-Title', 'is not an object identifier')),
    aeQualifier: Number.isInteger(aeNumber) ? aeNumber : undefined,
    parameters: p,
  };
}

/** SCL writes AP-titles as `1,3,9999,23` (the standard's examples) or dotted; we use dotted. */
function apTitle(raw: string | undefined, onBad: () => void): string | undefined {
  if (raw === undefined) return undefined;
  const arcs = raw.trim().split(/\s*[,. ]\s*/);
  if (arcs.length >= 2 && arcs.every((a) => /^\d+$/.test(a))) return arcs.map(Number).join('.');
  onBad();
  return undefined;
}
