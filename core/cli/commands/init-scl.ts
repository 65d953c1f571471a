import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Selectors } from '../../contract';
import type { DraftIed } from '../../project';
import { importScl, type SclConnection, type SclIed } from '../../scl';
import { UsageError } from '../command';
import { parseEndpoint } from '../endpoint';
import { sclDraftPoints, type Tier } from './init-tiers';

function selectorsOf(c: SclConnection | undefined): Selectors | undefined {
  if (!c) return undefined;
  const s: Selectors = {
    ...(c.tsel ? { tsel: c.tsel } : {}),
    ...(c.ssel ? { ssel: c.ssel } : {}),
    ...(c.psel ? { psel: c.psel } : {}),
    ...(c.apTitle ? { apTitle: c.apTitle } : {}),
    ...(c.aeQualifier !== undefined ? { aeQualifier: c.aeQualifier } : {}),
  };
  return Object.keys(s).length > 0 ? s : undefined;
}

const projectId = (name: string): string => name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^-+/, '_').slice(0, 64) || 'IED';

export interface SclInitOptions {
  readonly file: string;
  /** IED names asked for; empty: the only IED with a server. */
  readonly ieds: readonly string[];
  /** `--host`: replaces the address taken from SCL (one IED only). */
  readonly host?: string;
  readonly tiers: ReadonlySet<Tier>;
}

/** The IEDs of an SCL file as init drafts: address and selectors from Communication, points by tier. */
export async function sclDrafts(options: SclInitOptions): Promise<{ drafts: DraftIed[]; warnings: string[] }> {
  const doc = importScl(new Uint8Array(await readFile(options.file)), { fileName: basename(options.file) });
  const servable = doc.ieds.filter((i) => i.accessPoints.some((ap) => ap.hasServer));
  const names = servable.map((i) => i.name);
  let chosen: SclIed[];
  if (options.ieds.length > 0) {
    chosen = options.ieds.map((n) => {
      const ied = servable.find((i) => i.name === n);
      if (!ied) throw new UsageError(`no IED named '${n}' with a server in ${options.file}; it has ${names.join(', ') || 'none'}`);
      return ied;
    });
  } else if (servable.length === 1) chosen = servable;
  else throw new UsageError(`${options.file} has ${servable.length === 0 ? 'no IED with a server' : `several IEDs (${names.join(', ')})`}; pick one with --ied NAME`);
  if (options.host !== undefined && chosen.length > 1) throw new UsageError('--host applies to one IED; give one --ied with it');
  const warnings: string[] = [];
  const drafts = chosen.map((ied): DraftIed => {
    const ap = ied.accessPoints.find((a) => a.hasServer && a.connection?.ip) ?? ied.accessPoints.find((a) => a.hasServer);
    const from = options.host !== undefined ? parseEndpoint(options.host) : ap?.connection?.ip ? { host: ap.connection.ip, port: ap.connection.port ?? 102 } : undefined;
    if (!from) throw new UsageError(`IED ${ied.name} has no IP address in ${options.file}; give one with --host HOST[:PORT]`);
    const selectors = selectorsOf(ap?.connection);
    const points = sclDraftPoints(ied, options.tiers);
    if (points.length === 0) warnings.push(`IED ${ied.name}: the tiers asked (${[...options.tiers].join(', ')}) select no point`);
    return {
      id: projectId(ied.name),
      name: ied.name,
      host: from.host,
      port: from.port,
      ...(selectors ? { selectors } : {}),
      origin: { scl: options.file, ied: ied.name },
      points,
    };
  });
  return { drafts, warnings };
}
