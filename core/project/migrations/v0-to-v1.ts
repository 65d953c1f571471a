import { MigrationIssue, type JsonObject, type Migration } from '../migration';

/**
 * schemaVersion 0 is the pre-release draft format (docs/PROJECT.md "Older files"): IEDs were `devices`
 * with one `address` text and one poll period, points named their device and wrote the FC inside the
 * reference (`LD/LN.DO.DA[ST]`), report plans were picked by index, and registers were given in the
 * 1-based Modicon form (40001) with a `swapWords` flag.
 *
 * v0:  { schemaVersion: 0, name, devices: [{ name, address, passwordEnv?, pollMs?, timeoutMs?,
 *        reports?: [{ rcb: 'LD/LN.name[BR|RP]', dataSet }] }],
 *        points: [{ device, ref: 'LD/LN.DO.DA[FC]', type, label?, report?: index,
 *        register?: { address: Modicon, type, swapWords? } }], modbus?: { host?, port? } }
 */

type Path = (string | number)[];

function object(value: unknown, path: Path): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new MigrationIssue(path, 'must be an object');
  return value as JsonObject;
}

function list(value: unknown, path: Path): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new MigrationIssue(path, 'must be a list');
  return value;
}

function text(value: unknown, path: Path): string {
  if (typeof value !== 'string' || value === '') throw new MigrationIssue(path, 'must be a non-empty text');
  return value;
}

/** Ids in v1 are letters, digits, `_` and `-`; v0 names were free text. */
function idOf(name: string, taken: Set<string>): string {
  const base = name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^-+/, '_').slice(0, 60) || 'id';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  taken.add(id);
  return id;
}

/** `host`, `host:port` or `[v6]:port`. */
function splitAddress(address: string, path: Path): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(address.trim());
  if (!m) throw new MigrationIssue(path, `'${address}' is not host[:port]`);
  const port = m[3] === undefined ? 102 : Number(m[3]);
  if (port < 1 || port > 65535) throw new MigrationIssue(path, `port ${port} is not 1..65535`);
  return { host: (m[1] ?? m[2]) as string, port };
}

/** `LD/LN.DO.DA[FC]` → reference and FC. */
function splitFc(ref: string, path: Path): { ref: string; fc: string } {
  const m = /^(.+)\[([A-Z]{2})\]$/.exec(ref);
  if (!m) throw new MigrationIssue(path, `'${ref}' has no functional constraint in brackets, e.g. [ST]`);
  return { ref: m[1] as string, fc: m[2] as string };
}

/** Modicon 00001/10001/30001/40001 forms → area and 0-based offset. */
const MODICON_AREAS = [
  { base: 1, area: 'coil' },
  { base: 10001, area: 'discrete' },
  { base: 30001, area: 'input' },
  { base: 40001, area: 'holding' },
] as const;

function fromModicon(address: unknown, path: Path): { area: string; address: number } {
  if (typeof address !== 'number' || !Number.isInteger(address))
    throw new MigrationIssue(path, 'must be a Modicon register number such as 40001');
  for (const { base, area } of MODICON_AREAS) {
    if (address >= base && address < base + 9999) return { area, address: address - base };
  }
  throw new MigrationIssue(path, `${address} is not a Modicon number (00001-09999, 10001-19999, 30001-39999, 40001-49999)`);
}

interface V0Device {
  id: string;
  reportIds: string[];
}

function migrateDevice(raw: unknown, i: number, ids: Set<string>): { ied: JsonObject; device: V0Device; name: string } {
  const path: Path = ['devices', i];
  const d = object(raw, path);
  const name = text(d.name, [...path, 'name']);
  const id = idOf(name, ids);
  const { host, port } = splitAddress(text(d.address, [...path, 'address']), [...path, 'address']);
  const reportIds: string[] = [];
  const reports = list(d.reports, [...path, 'reports']).map((r, k) => {
    const rp = object(r, [...path, 'reports', k]);
    const { ref, fc } = splitFc(text(rp.rcb, [...path, 'reports', k, 'rcb']), [...path, 'reports', k, 'rcb']);
    if (fc !== 'BR' && fc !== 'RP') throw new MigrationIssue([...path, 'reports', k, 'rcb'], `an RCB is [RP] or [BR], not [${fc}]`);
    const reportId = `report${k + 1}`;
    reportIds.push(reportId);
    return { id: reportId, rcb: ref, buffered: fc === 'BR', dataSet: text(rp.dataSet, [...path, 'reports', k, 'dataSet']) };
  });
  const ied: JsonObject = {
    id,
    name,
    host,
    port,
    ...(typeof d.passwordEnv === 'string' ? { password: { env: d.passwordEnv } } : {}),
    ...(typeof d.timeoutMs === 'number' ? { connectTimeoutMs: d.timeoutMs, requestTimeoutMs: d.timeoutMs } : {}),
    pollGroups: [{ id: 'default', periodMs: typeof d.pollMs === 'number' ? d.pollMs : 1000 }],
    reports,
  };
  return { ied, device: { id, reportIds }, name };
}

function migratePoint(raw: unknown, i: number, devices: ReadonlyMap<string, V0Device>, pointIds: Map<string, Set<string>>): JsonObject {
  const path: Path = ['points', i];
  const p = object(raw, path);
  const deviceName = text(p.device, [...path, 'device']);
  const device = devices.get(deviceName);
  if (!device) throw new MigrationIssue([...path, 'device'], `no device is named '${deviceName}'`);
  const { ref, fc } = splitFc(text(p.ref, [...path, 'ref']), [...path, 'ref']);
  const taken = pointIds.get(device.id) ?? new Set<string>();
  pointIds.set(device.id, taken);
  const id = idOf(ref.slice(ref.indexOf('/') + 1), taken);
  let report: string | undefined;
  if (p.report !== undefined) {
    report = typeof p.report === 'number' ? device.reportIds[p.report] : undefined;
    if (report === undefined) throw new MigrationIssue([...path, 'report'], `device '${deviceName}' has no report number ${String(p.report)}`);
  }
  const out: JsonObject = {
    id,
    ied: device.id,
    ref,
    fc,
    type: p.type,
    ...(typeof p.label === 'string' ? { label: p.label } : {}),
    source: report === undefined ? 'poll' : 'report',
    ...(report === undefined ? {} : { report }),
  };
  if (p.register !== undefined) {
    const reg = object(p.register, [...path, 'register']);
    const { area, address } = fromModicon(reg.address, [...path, 'register', 'address']);
    out.modbus = { area, address, type: reg.type, wordOrder: reg.swapWords === true ? 'CDAB' : 'ABCD' };
  }
  return out;
}

export const v0ToV1: Migration = {
  from: 0,
  describe: 'devices become ieds with host and port, the FC leaves the reference, Modicon addresses become 0-based',
  migrate(doc) {
    const ids = new Set<string>();
    const devices = new Map<string, V0Device>();
    const ieds = list(doc.devices, ['devices']).map((raw, i) => {
      const { ied, device, name } = migrateDevice(raw, i, ids);
      if (devices.has(name)) throw new MigrationIssue(['devices', i, 'name'], `two devices are named '${name}'`);
      devices.set(name, device);
      return ied;
    });
    const pointIds = new Map<string, Set<string>>();
    const points = list(doc.points, ['points']).map((raw, i) => migratePoint(raw, i, devices, pointIds));
    const modbus = doc.modbus === undefined ? undefined : object(doc.modbus, ['modbus']);
    const mapped = points.filter((p) => p.modbus !== undefined).length;
    const out: JsonObject = {
      schemaVersion: 1,
      name: doc.name,
      ...(doc.description === undefined ? {} : { description: doc.description }),
      ieds,
      points,
      ...(modbus === undefined
        ? {}
        : { modbus: { ...(modbus.host === undefined ? {} : { bind: modbus.host }), ...(modbus.port === undefined ? {} : { port: modbus.port }) } }),
    };
    const notes = [
      `${ieds.length} devices became ieds (address split into host and port, pollMs into the 'default' poll group)`,
      `${points.length} points: the FC moved out of the reference; ids derived from the references`,
      ...(mapped > 0 ? [`${mapped} Modbus registers moved from the Modicon form to 0-based offsets per area`] : []),
    ];
    return { doc: out, notes };
  },
};
