import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MmsValue } from '../mms';
import { importScl, type SclDocument } from '../scl';
import { MmsServer, valueOf, type LeafNode, type MmsServerOptions, type ReportEngine, type ServerDataModel, type ServerLimits } from '../server';
import { RelayGateError } from '../shared';
import { ModeBehaviour, parseBehaviour, type Behaviour } from './behaviour';
import { Controls } from './controls/controls';
import { utcTime, valueFromJs, type LeafMeta } from './leaf-values';
import { qualityRaw, type QualityInput } from './quality-input';
import { resolveReference } from './reference-target';
import { buildModel, pickIed, type BuiltModel } from './scl-model';
import { SettingGroupControl } from './setting-groups';

export interface SimulatorOptions {
  /** An SCL file path, or an imported document. */
  scl: string | SclDocument;
  /** The IED to serve; needed when the file has several with a server. */
  ied?: string;
  /** Default 127.0.0.1: the simulator never listens on other interfaces unless told. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  password?: string;
  maxClients?: number;
  limits?: Partial<ServerLimits>;
  /** Entries each BRCB buffers (default 1000). */
  bufferEntries?: number;
  /** How long a switch (XCBR, XSWI) takes from one end position to the other (default 500 ms). */
  travelTimeMs?: number;
}

/** A change to one data object or attribute; what is left out stays, and t follows a change. */
export interface SimUpdate {
  readonly value?: unknown;
  readonly quality?: QualityInput;
  /** ms since 1970, a Date or ISO text; default: now, when the value or quality changes. */
  readonly time?: number | Date | string;
}

async function loadScl(scl: string | SclDocument): Promise<SclDocument> {
  if (typeof scl !== 'string') return scl;
  const bytes = new Uint8Array(await readFile(scl));
  return importScl(bytes, { fileName: basename(scl) });
}

function epochMsOf(time: number | Date | string): number {
  const ms = typeof time === 'number' ? time : typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (!Number.isFinite(ms)) throw new RelayGateError('sim', 'bad-value', `'${String(time)}' is not a time`);
  return ms;
}

/**
 * An IEC 61850 IED served over MMS from its SCL description: the model, data sets and RCBs of the SCL,
 * its DAI values as initial values, on a TCP port of this machine. The in-process API lets a test or
 * the demo change values, quality and time by object reference, and disturb the clients (disconnect,
 * restart, pause reports). See docs/SIMULATOR.md.
 */
export class Simulator {
  /** Mode and Behaviour of every LN, and the quality they give the data. */
  readonly modes: ModeBehaviour;
  /** Every controllable data object, with interlocking and synchrocheck for tests to set. */
  readonly controls: Controls;
  /** The setting group control block of each LD that has a SettingControl. */
  readonly settingGroups: SettingGroupControl[];

  private constructor(
    readonly built: BuiltModel,
    readonly server: MmsServer,
    options: SimulatorOptions,
  ) {
    const now = () => Date.now();
    this.modes = new ModeBehaviour(built.model, now);
    this.controls = new Controls(built.model, built.lns, this.modes, {
      ...(options.travelTimeMs !== undefined ? { travelTimeMs: options.travelTimeMs } : {}),
    });
    this.settingGroups = built.lns
      .filter((l) => l.ln.settingControl !== undefined)
      .map((l) => new SettingGroupControl(built.model, l.ld, built.lns, l.ln.settingControl!, now));
  }

  static async start(options: SimulatorOptions): Promise<Simulator> {
    const doc = await loadScl(options.scl);
    const ied = pickIed(doc, options.ied);
    const built = buildModel(doc, ied, Date.now(), {
      ...(options.bufferEntries !== undefined ? { bufferEntries: options.bufferEntries } : {}),
    });
    const serverOptions: MmsServerOptions = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.maxClients !== undefined ? { maxClients: options.maxClients } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    };
    try {
      const server = await MmsServer.start(built.model, serverOptions);
      return new Simulator(built, server, options);
    } catch (err) {
      built.reports.stop();
      throw err;
    }
  }

  get iedName(): string {
    return this.built.ied.name;
  }

  get model(): ServerDataModel {
    return this.built.model;
  }

  get reports(): ReportEngine {
    return this.built.reports;
  }

  get warnings(): readonly string[] {
    return this.built.warnings;
  }

  get host(): string {
    return this.server.host;
  }

  get port(): number {
    return this.server.port;
  }

  /** `host:port`, as the CLI and the client take it. */
  get address(): string {
    return this.server.address;
  }

  /**
   * Changes what a reference names: a leaf (`LD/LN.DO.DA[FC]`) or a whole FCD (`LD/LN.DO[FC]`, whose
   * value attribute — stVal, general, mag.f … — takes the value), with the q and t of its data object.
   */
  set(ref: string, update: SimUpdate): void {
    const target = resolveReference(this.model, ref);
    const changes: [LeafNode, MmsValue][] = [];
    if (update.value !== undefined) {
      if (!target.valueLeaf) throw new RelayGateError('sim', 'bad-reference', `${ref} has no value attribute to set; name the attribute`);
      const leaf = target.valueLeaf;
      changes.push([leaf, valueFromJs(update.value, leaf.spec, leaf.meta as LeafMeta | undefined)]);
    }
    const q = target.q;
    const raw = update.quality === undefined ? undefined : qualityRaw(update.quality);
    if (raw !== undefined && !q) throw new RelayGateError('sim', 'bad-reference', `${ref} has no quality (q) to set`);
    if (update.time !== undefined || changes.length > 0 || raw !== undefined) {
      if (target.t) changes.push([target.t, utcTime(update.time === undefined ? Date.now() : epochMsOf(update.time))]);
      else if (update.time !== undefined) throw new RelayGateError('sim', 'bad-reference', `${ref} has no time (t) to set`);
    }
    for (const [leaf, value] of changes) this.model.setLeaf(leaf, value);
    // The quality is the process's: what clients read has the LN's behaviour applied (test, off).
    if (q && raw !== undefined) this.modes.setProcessQuality(q, raw);
  }

  /**
   * Sets the mode (Mod) of an LN, `LD/LN`, or of a whole LD, `LD` (its LLN0.Mod): Beh follows down the
   * hierarchy, and the quality of the data of every LN whose behaviour changed.
   */
  setMode(target: string, mode: Behaviour | string): void {
    const [ld = '', ln = 'LLN0'] = target.split('/');
    this.modes.setMode(ld, ln, parseBehaviour(mode));
  }

  /** Sets the value of a reference; quality and time as {@link set} does. */
  setValue(ref: string, value: unknown): void {
    this.set(ref, { value });
  }

  /** The current value of a reference, as a client would read it. */
  get(ref: string): MmsValue {
    return valueOf(resolveReference(this.model, ref).node);
  }

  /** Drops every client association at the TCP level (the listener stays). */
  disconnectClients(): void {
    this.server.disconnectAll();
  }

  /** Drops every client and listens again on the same port, as an IED that reboots. */
  async restart(): Promise<void> {
    await this.server.restart();
  }

  /** Holds reports back (URCB reports are lost, BRCB reports wait in their buffer), or resumes them. */
  pauseReports(paused = true): void {
    this.reports.setPaused(paused);
  }

  async stop(): Promise<void> {
    this.controls.stop();
    this.reports.stop();
    await this.server.stop();
  }
}
