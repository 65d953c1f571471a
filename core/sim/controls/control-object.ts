import { typeMismatch, type AccessResult, type MmsValue, type WriteResult } from '../../mms';
import { WRITE_OK, childOf, mmsValuesEqual, refused, specOf, type ClientContext, type DataNode, type ServerDataModel, type StructNode } from '../../server';
import type { Behaviour } from '../behaviour';
import type { Process } from './control-process';
import {
  ADD_CAUSE,
  CONTROL_ERROR,
  CTL_MODEL,
  commandTermination,
  lastApplErrorReport,
  lastApplErrorValue,
  parseControl,
  sameParameters,
  type ControlParams,
} from './control-terms';

/** What a control object asks of the simulator around it. */
export interface ControlHost {
  readonly model: ServerDataModel;
  now(): number;
  behaviour(ld: string, ln: string): Behaviour;
  /** Interlocking forbids this operation now (checked when the client asks for interlock-check). */
  interlocked(control: ControlObject, params: ControlParams): boolean;
  /** Synchrocheck fails now (checked when the client asks for synchrocheck). */
  synchrocheckFails(control: ControlObject): boolean;
  /** The switching hierarchy is at local (Loc true): remote commands are refused. */
  local(control: ControlObject): boolean;
  /** The control asks for the position the switch already has (AddCause Position-reached). */
  positionReached(control: ControlObject, params: ControlParams): boolean;
}

export interface ControlParts {
  readonly domain: string;
  readonly ln: string;
  readonly name: string;
  /** The DO under FC CO (Oper, SBOw, Cancel, SBO). */
  readonly co: StructNode;
  readonly st: DataNode | undefined;
  readonly cf: DataNode | undefined;
  /** Mod: never blocked by the behaviour it sets. */
  readonly isMode: boolean;
}

type Refusal = Parameters<typeof refused>[0];

/**
 * One controllable data object (IEC 61850-7-2 §20, 8-1 §20): its ctlModel from CF decides between
 * status-only, direct and select-before-operate, normal and enhanced security. Oper, SBOw, Cancel
 * (writes) and SBO (a read) are answered as a real IED does: refusals with LastApplError and AddCause
 * before the negative response, CommandTermination after an enhanced-security operation, select
 * timeout, Test flag, interlock and synchrocheck checks, origin and ctlNum kept in the status.
 */
export class ControlObject {
  private selectedBy: ClientContext | undefined;
  private selectParams: ControlParams | undefined;
  private selectTimer: ReturnType<typeof setTimeout> | undefined;
  private executing = false;

  constructor(
    private readonly host: ControlHost,
    readonly parts: ControlParts,
    private readonly process: Process,
  ) {
    const hook = (name: string, write: (v: MmsValue, ctx: ClientContext) => WriteResult) => {
      const node = childOf(parts.co, name);
      if (node) node.hooks = { write: (v, ctx, path) => (path.length === 0 ? write(v, ctx) : refused('object-access-denied')) };
    };
    hook('Oper', (v, ctx) => this.oper(v, ctx));
    hook('SBOw', (v, ctx) => this.selectWithValue(v, ctx));
    hook('Cancel', (v, ctx) => this.cancel(v, ctx));
    const sbo = childOf(parts.co, 'SBO');
    if (sbo) sbo.hooks = { read: (ctx) => this.select(ctx) };
  }

  /** `LD/LN.DO`. */
  get ref(): string {
    return `${this.parts.domain}/${this.parts.ln}.${this.parts.name}`;
  }

  get ctlModel(): number {
    const v = this.cfLeaf('ctlModel');
    return v?.type === 'integer' || v?.type === 'unsigned' ? Number(v.value) : CTL_MODEL.statusOnly;
  }

  get selected(): boolean {
    return this.selectedBy !== undefined;
  }

  private get sbo(): boolean {
    return this.ctlModel === CTL_MODEL.sboNormal || this.ctlModel === CTL_MODEL.sboEnhanced;
  }

  private get enhanced(): boolean {
    return this.ctlModel === CTL_MODEL.directEnhanced || this.ctlModel === CTL_MODEL.sboEnhanced;
  }

  private oper(value: MmsValue, ctx: ClientContext): WriteResult {
    const p = this.parse('Oper', value);
    if (!p) return refused('type-inconsistent');
    const refuse = (code: Refusal, cause: number, error: number = CONTROL_ERROR.none) => this.refuse(ctx, 'Oper', p, code, cause, error);
    if (this.ctlModel === CTL_MODEL.statusOnly) return refuse('object-access-denied', ADD_CAUSE.notSupported);
    if (this.sbo) {
      if (!this.selectedBy) return refuse('object-access-denied', ADD_CAUSE.objectNotSelected);
      if (this.selectedBy !== ctx) return refuse('temporarily-unavailable', ADD_CAUSE.lockedByOtherClient);
      if (this.ctlModel === CTL_MODEL.sboEnhanced && this.selectParams && !sameParameters(p, this.selectParams, mmsValuesEqual)) {
        this.unselect();
        return refuse('object-access-denied', ADD_CAUSE.inconsistentParameters);
      }
    }
    if (this.executing) return refuse('temporarily-unavailable', ADD_CAUSE.commandAlreadyInExecution);
    const failed = this.check(p);
    if (failed) {
      if (this.sbo) this.unselect();
      return refuse('object-access-denied', failed.cause, failed.error);
    }
    this.execute(p, ctx);
    return WRITE_OK;
  }

  /** Accepted: origin and ctlNum into the status, then the process (unless blocked or a test). */
  private execute(p: ControlParams, ctx: ClientContext): void {
    this.executing = true;
    this.keepOrigin(p);
    const enhanced = this.enhanced;
    const sboEnhanced = this.ctlModel === CTL_MODEL.sboEnhanced;
    if (this.ctlModel === CTL_MODEL.sboNormal) this.unselect();
    const moves = this.movesProcess(p);
    const done = moves ? this.process(p) : Promise.resolve(undefined);
    void done.then((cause) => {
      this.executing = false;
      if (sboEnhanced) this.unselect();
      if (!enhanced || ctx.closed) return;
      // After the write response: the association sends in order, and this runs in a later task.
      setTimeout(() => {
        const error = cause === undefined ? undefined : lastApplErrorValue(this.cntrlObj('Oper'), CONTROL_ERROR.unknown, p, cause);
        ctx.sendReport(commandTermination(this.parts.domain, `${this.parts.ln}$CO$${this.parts.name}$Oper`, p.value, error));
      }, 0);
    });
  }

  /** SBOw (enhanced security): select with the operate values, after the same checks as Oper. */
  private selectWithValue(value: MmsValue, ctx: ClientContext): WriteResult {
    const p = this.parse('SBOw', value);
    if (!p) return refused('type-inconsistent');
    const refuse = (code: Refusal, cause: number, error: number = CONTROL_ERROR.none) => this.refuse(ctx, 'SBOw', p, code, cause, error);
    if (this.ctlModel !== CTL_MODEL.sboEnhanced) return refuse('object-access-denied', ADD_CAUSE.notSupported);
    if (this.selectedBy && this.selectedBy !== ctx) return refuse('temporarily-unavailable', ADD_CAUSE.objectAlreadySelected);
    if (this.executing) return refuse('temporarily-unavailable', ADD_CAUSE.commandAlreadyInExecution);
    const failed = this.check(p);
    if (failed) return refuse('object-access-denied', failed.cause, failed.error);
    this.choose(ctx, p);
    return WRITE_OK;
  }

  /** SBO read (normal security): the control's reference when selected, '' when not (8-1 §20.5). */
  private select(ctx: ClientContext): AccessResult {
    const text = (value: string): AccessResult => ({ ok: true, value: { type: 'visible-string', value } });
    const free = !this.selectedBy || this.selectedBy === ctx;
    const beh = this.host.behaviour(this.parts.domain, this.parts.ln);
    if (this.ctlModel !== CTL_MODEL.sboNormal || !free || this.executing || (beh === 'off' && !this.parts.isMode) || this.host.local(this))
      return text('');
    this.choose(ctx, undefined);
    return text(`${this.parts.domain}/${this.parts.ln}$CO$${this.parts.name}`);
  }

  private cancel(value: MmsValue, ctx: ClientContext): WriteResult {
    const p = this.parse('Cancel', value);
    if (!p) return refused('type-inconsistent');
    if (this.executing) return this.refuse(ctx, 'Cancel', p, 'temporarily-unavailable', ADD_CAUSE.commandAlreadyInExecution);
    if (this.selectedBy !== ctx) return this.refuse(ctx, 'Cancel', p, 'object-access-denied', ADD_CAUSE.objectNotSelected);
    this.unselect();
    return WRITE_OK;
  }

  /** The checks of Oper and SBOw: behaviour and Test, switching hierarchy, interlock, synchrocheck. */
  private check(p: ControlParams): { cause: number; error: number } | undefined {
    const beh = this.host.behaviour(this.parts.domain, this.parts.ln);
    if (!this.parts.isMode && (beh === 'off' || (beh.startsWith('test') && !p.test)))
      return { cause: ADD_CAUSE.blockedByMode, error: CONTROL_ERROR.none };
    if (this.host.local(this)) return { cause: ADD_CAUSE.blockedBySwitchingHierarchy, error: CONTROL_ERROR.none };
    if (p.interlockCheck && this.host.interlocked(this, p)) return { cause: ADD_CAUSE.blockedByInterlocking, error: CONTROL_ERROR.operatorTest };
    if (p.synchroCheck && this.host.synchrocheckFails(this)) return { cause: ADD_CAUSE.blockedBySynchrocheck, error: CONTROL_ERROR.operatorTest };
    if (this.host.positionReached(this, p)) return { cause: ADD_CAUSE.positionReached, error: CONTROL_ERROR.none };
    return undefined;
  }

  /**
   * Whether an accepted command moves the process: with Beh on a normal command does, with Beh test a
   * test command does; a test command under Beh on, and anything under blocked or test/blocked, is
   * answered without moving the process (IEC 61850-7-4 Ed2 Annex A).
   */
  private movesProcess(p: ControlParams): boolean {
    if (this.parts.isMode) return true;
    const beh = this.host.behaviour(this.parts.domain, this.parts.ln);
    return (beh === 'on' && !p.test) || (beh === 'test' && p.test);
  }

  private choose(ctx: ClientContext, p: ControlParams | undefined): void {
    const first = this.selectedBy !== ctx;
    this.unselect();
    this.selectedBy = ctx;
    this.selectParams = p;
    this.setStatus('stSeld', { type: 'boolean', value: true });
    const timeout = this.cfLeaf('sboTimeout');
    const ms = timeout?.type === 'unsigned' || timeout?.type === 'integer' ? Number(timeout.value) : 0;
    this.selectTimer = setTimeout(() => this.unselect(), ms > 0 ? ms : 30_000);
    if (first)
      ctx.onClose(() => {
        if (this.selectedBy === ctx) this.unselect();
      });
  }

  private unselect(): void {
    if (this.selectTimer !== undefined) clearTimeout(this.selectTimer);
    this.selectTimer = undefined;
    if (!this.selectedBy) return;
    this.selectedBy = undefined;
    this.selectParams = undefined;
    this.setStatus('stSeld', { type: 'boolean', value: false });
  }

  /** Stops the select timer (the simulator is going down). */
  stop(): void {
    this.unselect();
  }

  private keepOrigin(p: ControlParams): void {
    if (p.origin) this.setStatus('origin', p.origin);
    this.setStatus('ctlNum', { type: 'unsigned', value: p.ctlNum });
  }

  private setStatus(name: string, value: MmsValue): void {
    const node = this.parts.st && childOf(this.parts.st, name);
    if (node && typeMismatch(specOf(node), value) === undefined) this.host.model.setNode(node, value);
  }

  private cfLeaf(name: string): MmsValue | undefined {
    const node = this.parts.cf && childOf(this.parts.cf, name);
    return node?.kind === 'leaf' ? node.value : undefined;
  }

  private parse(variable: string, value: MmsValue): ControlParams | undefined {
    const node = childOf(this.parts.co, variable);
    if (node?.kind !== 'struct' || typeMismatch(specOf(node), value) !== undefined) return undefined;
    return parseControl(node, value);
  }

  private cntrlObj(variable: string): string {
    return `${this.parts.domain}/${this.parts.ln}$CO$${this.parts.name}$${variable}`;
  }

  private refuse(ctx: ClientContext, variable: string, p: ControlParams, code: Refusal, cause: number, error: number = CONTROL_ERROR.none): WriteResult {
    ctx.sendReport(lastApplErrorReport(lastApplErrorValue(this.cntrlObj(variable), error, p, cause)));
    return refused(code);
  }
}

