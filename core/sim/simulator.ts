import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { MmsValue } from '../mms';
import { MmsServer, valueOf, type LeafNode, type MmsServerOptions, type ReportControl, type ReportEngine, type ServerDataModel, type ServerLimits } from '../server';
import { RelayGateError } from '../shared';
import { ModeBehaviour, parseBehaviour, type Behaviour } from './behaviour';
import { Controls } from './controls/controls';
import { Dynamics, type DynamicsOptions } from './dynamics';
import { utcTime, valueFromJs, type LeafMeta } from './leaf-values';
import { qualityRaw, type QualityInput } from './quality-input';
import { resolveReference } from './reference-target';
import { modelSteps, type BuiltModel } from './scl-model';
import { iedToServe, openSclFile, type SclSource } from './scl-source';
import { buildSavedModel, parseSavedModel, type SavedModel } from './saved-model';
import { nextTurn, runSliced } from './slices';
import { ScenarioRunner, type Scenario, type ScenarioStep } from './scenario';
import { SettingGroupControl } from './setting-groups';

export interface SimulatorOptions {
  /**
   * An SCL file path, an opened `SclFile` (then only the IED served is read in full; open it once to
   * serve several of its IEDs) or an imported document (give this or `model`).
   */
  scl?: string | SclSource;
  /** A model saved by `relaygate sim --from … --save`, as a path or parsed (give this or `scl`). */
  model?: string | SavedModel;
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
  /** Value dynamics (random walk, breaker events): off by default, on with true or options. */
  dynamics?: boolean | DynamicsOptions;
  /** Seed of the dynamics' random source (default 1): the same seed gives the same run. */
  seed?: number;
  /** FCs a client may write without a handler (default CF, DC, SP; e.g. add SV to allow substitution). */
  writableFcs?: readonly string[];
  /** How the server bounds bad clients (association time, connections associating, unread bytes). */
  server?: Pick<MmsServerOptions, 'associateTimeoutMs' | 'maxPendingConnections' | 'maxBufferedBytes'>;
}

/** A change to one data object or attribute; what is left out stays, and t follows a change. */
export interface SimUpdate {
  readonly value?: unknown;
  readonly quality?: QualityInput;
  /** ms since 1970, a Date or ISO text; default: now, when the value or quality changes. */
  readonly time?: number | Date | string;
}

async function loadSaved(model: string | SavedModel): Promise<SavedModel> {
  if (typeof model !== 'string') return model;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(model, 'utf8'));
  } catch (err) {
    throw new RelayGateError('sim', 'bad-model', `${basename(model)}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseSavedModel(json, basename(model));
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
  /** The value dynamics; started only when the options ask for them. */
  readonly dynamics: Dynamics;
  private scenarioRunner: ScenarioRunner | undefined;
  private linkTimer: ReturnType<typeof setTimeout> | undefined;

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
    const dyn = typeof options.dynamics === 'object' ? options.dynamics : {};
    this.dynamics = new Dynamics(built.model, built.lns, { seed: options.seed ?? 1, ...dyn }, now);
    if (options.dynamics) this.dynamics.start();
  }

  static async start(options: SimulatorOptions): Promise<Simulator> {
    const reportOptions = options.bufferEntries !== undefined ? { bufferEntries: options.bufferEntries } : {};
    let built: BuiltModel;
    if (options.model !== undefined && options.scl === undefined) {
      built = buildSavedModel(await loadSaved(options.model), reportOptions);
    } else if (options.scl !== undefined && options.model === undefined) {
      const source = typeof options.scl === 'string' ? await openSclFile(options.scl) : options.scl;
      const ied = iedToServe(source, options.ied);
      // Reading the IED in full is one step; its model is built in slices, so served IEDs keep answering.
      await nextTurn();
      built = await runSliced(modelSteps(source, ied, Date.now(), reportOptions));
    } else {
      throw new RelayGateError('sim', 'bad-options', 'give the simulator an SCL (scl) or a saved model (model), one of them');
    }
    if (options.writableFcs) {
      built.model.writableFcs.clear();
      for (const fc of options.writableFcs) built.model.writableFcs.add(fc);
    }
    const serverOptions: MmsServerOptions = {
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 0,
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(options.maxClients !== undefined ? { maxClients: options.maxClients } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...options.server,
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
    return this.built.iedName;
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

  /**
   * Runs one scenario step now (its `at` is ignored): a value, quality or time change, a mode, or an
   * action — disconnect-clients, restart, pause-reports, resume-reports, confrev-change (ref: an RCB),
   * brcb-overflow (ref: a BRCB), link-loss (nothing answered or sent for durationMs, default 10 s).
   */
  async step(step: ScenarioStep): Promise<void> {
    if (step.mode !== undefined) return this.setMode(step.ref ?? '', step.mode);
    if (step.action === undefined) {
      const update: SimUpdate = {
        ...(step.value !== undefined ? { value: step.value } : {}),
        ...(step.quality !== undefined ? { quality: step.quality } : {}),
        ...(step.time !== undefined ? { time: step.time } : {}),
      };
      return this.set(step.ref ?? '', update);
    }
    switch (step.action) {
      case 'disconnect-clients':
        return this.disconnectClients();
      case 'restart':
        return this.restart();
      case 'pause-reports':
        this.pauseReports(true);
        if (step.durationMs) setTimeout(() => this.pauseReports(false), step.durationMs);
        return;
      case 'resume-reports':
        return this.pauseReports(false);
      case 'confrev-change':
        return this.rcb(step.ref).bumpConfRev();
      case 'brcb-overflow': {
        const rcb = this.rcb(step.ref);
        if (!rcb.buffer) throw new RelayGateError('sim', 'bad-reference', `${step.ref} is not a BRCB`);
        return rcb.buffer.overflow();
      }
      case 'link-loss':
        return this.linkLoss(step.durationMs ?? 10_000);
    }
  }

  /** Runs a scenario (see parseScenario) from now; a step that fails is reported to `onError`. */
  runScenario(scenario: Scenario, onError: (message: string) => void = () => undefined): void {
    this.scenarioRunner?.stop();
    this.scenarioRunner = new ScenarioRunner(scenario, (s) => this.step(s), (s, err) =>
      onError(`scenario step at ${s.at} ms: ${err instanceof Error ? err.message : String(err)}`),
    );
    this.scenarioRunner.start();
  }

  /**
   * A link loss: for `ms`, the simulator answers nothing and sends nothing (BRCBs keep buffering), as
   * when a cable is pulled; clients time out. Then it serves again.
   */
  linkLoss(ms: number): void {
    clearTimeout(this.linkTimer);
    this.server.faults.unanswered = () => true;
    this.reports.setPaused(true);
    this.linkTimer = setTimeout(() => {
      this.server.faults.unanswered = undefined;
      this.reports.setPaused(false);
    }, ms);
  }

  private rcb(ref: string | undefined): ReportControl {
    const rcb = ref === undefined ? undefined : this.reports.find(ref.replace(/\[(RP|BR)\]$/, ''));
    if (!rcb) throw new RelayGateError('sim', 'no-such-object', `the simulated IED has no RCB ${ref ?? '(no ref)'}`);
    return rcb;
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
    this.scenarioRunner?.stop();
    clearTimeout(this.linkTimer);
    this.dynamics.stop();
    this.controls.stop();
    this.reports.stop();
    await this.server.stop();
  }
}

