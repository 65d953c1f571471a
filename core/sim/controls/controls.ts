import { parseObjectReference } from '../../iec61850';
import { childOf, type DataNode, type ServerDataModel, type StructNode } from '../../server';
import { RelayGateError } from '../../shared';
import { BEHAVIOURS, type Behaviour, type ModeBehaviour } from '../behaviour';
import type { ServedLn } from '../scl-model';
import { ControlObject, type ControlHost } from './control-object';
import { commandedPosition, followStatus, positionOf, setWithTime, switchTravel, type Process } from './control-process';
import { ADD_CAUSE, type ControlParams } from './control-terms';

export interface ControlOptions {
  /** How long a switch (XCBR, XSWI) takes from one end position to the other. Default 500 ms. */
  travelTimeMs?: number;
}

const SWITCHES = ['XCBR', 'XSWI'];

interface SwitchLink {
  /** The LN whose Pos moves (the XCBR or XSWI). */
  readonly switchLn: ServedLn;
  readonly positions: DataNode[];
}

function at(node: DataNode | undefined, ...names: string[]): DataNode | undefined {
  let n = node;
  for (const name of names) n = n && childOf(n, name);
  return n;
}

function isTrue(node: DataNode | undefined): boolean {
  return node?.kind === 'leaf' && node.value.type === 'boolean' && node.value.value;
}

/**
 * Every controllable data object of the model (a DO under FC CO with an Oper), with the process its
 * operation moves: Mod sets the mode, a CSWI drives the XCBR or XSWI of the same prefix and instance in
 * its LD (or moves itself when there is none), an XCBR or XSWI moves its own Pos, anything else has its
 * status follow the command. Interlocking: a disconnector (XSWI) may not move while a breaker of its LD
 * is closed, unless a test overrides it; synchrocheck passes unless a test says otherwise.
 */
export class Controls implements ControlHost {
  readonly objects: ControlObject[] = [];
  travelTimeMs: number;
  private readonly interlockOverride = new Map<string, boolean>();
  private readonly synchrocheckFailing = new Set<string>();
  private readonly links = new Map<ControlObject, SwitchLink>();

  constructor(
    readonly model: ServerDataModel,
    private readonly lns: readonly ServedLn[],
    private readonly modes: ModeBehaviour,
    options: ControlOptions = {},
  ) {
    this.travelTimeMs = options.travelTimeMs ?? 500;
    for (const served of lns) this.addLn(served);
    this.mirrorSwitches();
  }

  /**
   * A CSWI's Pos shows the position of the switch it drives, whatever moved it (a control, the
   * dynamics, a scenario or a test).
   */
  private mirrorSwitches(): void {
    const mirrors = new Map<DataNode, DataNode>();
    for (const [control, link] of this.links) {
      const own = this.lns.find((l) => l.ld === control.parts.domain && l.ln.name === control.parts.ln);
      const cswiPos = own && own !== link.switchLn ? at(this.st(own, 'Pos'), 'stVal') : undefined;
      const switchPos = at(this.st(link.switchLn, 'Pos'), 'stVal');
      if (cswiPos && switchPos) mirrors.set(switchPos, cswiPos);
    }
    if (mirrors.size === 0) return;
    this.model.on('change', ({ leaf }) => {
      const mirror = mirrors.get(leaf);
      if (mirror?.kind === 'leaf') setWithTime(this.model, mirror, leaf.value, this.now());
    });
  }

  now(): number {
    return Date.now();
  }

  behaviour(ld: string, ln: string): Behaviour {
    return this.modes.behaviourOf(ld, ln);
  }

  /** `LD/LN.DO` of a control, e.g. `FDR1CTRL/Q0CSWI1.Pos`. */
  find(ref: string): ControlObject | undefined {
    const parsed = parseObjectReference(ref.replace(/\[[A-Z]{2}\]$/, ''));
    const name = `${parsed.ld}/${parsed.ln}.${parsed.path.join('.')}`;
    return this.objects.find((o) => o.ref === name);
  }

  /** Forces interlocking of a control on (true) or off (false); undefined returns to the built-in rule. */
  setInterlock(ref: string, blocked: boolean | undefined): void {
    const control = this.mustFind(ref);
    if (blocked === undefined) this.interlockOverride.delete(control.ref);
    else this.interlockOverride.set(control.ref, blocked);
  }

  /** Makes synchrocheck fail (false) or pass (true) for a control. */
  setSynchrocheck(ref: string, ok: boolean): void {
    const control = this.mustFind(ref);
    if (ok) this.synchrocheckFailing.delete(control.ref);
    else this.synchrocheckFailing.add(control.ref);
  }

  interlocked(control: ControlObject, _params: ControlParams): boolean {
    const forced = this.interlockOverride.get(control.ref);
    if (forced !== undefined) return forced;
    const link = this.links.get(control);
    if (!link || link.switchLn.ln.lnClass !== 'XSWI') return false;
    return this.lns.some(
      (l) => l.ld === link.switchLn.ld && l.ln.lnClass === 'XCBR' && positionOf(this.st(l, 'Pos')) === 'closed',
    );
  }

  synchrocheckFails(control: ControlObject): boolean {
    return this.synchrocheckFailing.has(control.ref);
  }

  local(control: ControlObject): boolean {
    const link = this.links.get(control);
    const own = this.lns.find((l) => l.ld === control.parts.domain && l.ln.name === control.parts.ln);
    return [own, link?.switchLn].some((l) => l !== undefined && isTrue(at(this.st(l, 'Loc'), 'stVal')));
  }

  positionReached(control: ControlObject, params: ControlParams): boolean {
    const link = this.links.get(control);
    if (!link) return false;
    const target = commandedPosition(params);
    return target !== undefined && positionOf(link.positions[0]) === target;
  }

  stop(): void {
    for (const o of this.objects) o.stop();
  }

  private mustFind(ref: string): ControlObject {
    const control = this.find(ref);
    if (!control) throw new RelayGateError('sim', 'no-such-object', `${ref} is not a controllable data object of the simulated IED`);
    return control;
  }

  private lnNode(l: ServedLn): StructNode | undefined {
    const node = this.model.find(l.ld, l.ln.name);
    return node?.kind === 'struct' ? node : undefined;
  }

  private st(l: ServedLn, doName: string): DataNode | undefined {
    return at(this.lnNode(l), 'ST', doName);
  }

  private addLn(served: ServedLn): void {
    const node = this.lnNode(served);
    const co = node && childOf(node, 'CO');
    if (co?.kind !== 'struct') return;
    for (const d of co.children) {
      if (d.kind !== 'struct' || !childOf(d, 'Oper')) continue;
      const parts = {
        domain: served.ld,
        ln: served.ln.name,
        name: d.name,
        co: d,
        st: at(node, 'ST', d.name),
        cf: at(node, 'CF', d.name),
        isMode: d.name === 'Mod',
      };
      const link = d.name === 'Pos' ? this.switchOf(served) : undefined;
      let process: Process;
      if (parts.isMode) process = this.modeProcess(served);
      else if (link) process = switchTravel(this.model, link.positions, this.opCnt(link.switchLn), () => this.travelTimeMs, () => this.now());
      else process = followStatus(this.model, parts.st, at(node, 'MX', d.name), () => this.now());
      const control = new ControlObject(this, parts, process);
      if (link) this.links.set(control, link);
      this.objects.push(control);
    }
  }

  /** The switch a Pos control moves: its own LN for XCBR/XSWI, the matching one for a CSWI. */
  private switchOf(served: ServedLn): SwitchLink | undefined {
    const own = this.st(served, 'Pos');
    if (SWITCHES.includes(served.ln.lnClass)) return own ? { switchLn: served, positions: [own] } : undefined;
    if (served.ln.lnClass !== 'CSWI') return undefined;
    const { prefix, inst } = served.ln;
    const candidates = this.lns.filter((l) => l.ld === served.ld && SWITCHES.includes(l.ln.lnClass) && l.ln.inst === inst);
    const target = candidates.find((l) => l.ln.prefix === prefix) ?? (candidates.length === 1 ? candidates[0] : undefined);
    const pos = target && this.st(target, 'Pos');
    if (!target || !pos) return own ? { switchLn: served, positions: [own] } : undefined;
    return { switchLn: target, positions: [pos] };
  }

  private opCnt(l: ServedLn) {
    const n = at(this.st(l, 'OpCnt'), 'stVal');
    return l.ln.lnClass === 'XCBR' && n?.kind === 'leaf' ? n : undefined;
  }

  private modeProcess(served: ServedLn): Process {
    return async (p) => {
      const ord = p.ctlVal.type === 'integer' || p.ctlVal.type === 'unsigned' ? Number(p.ctlVal.value) : 0;
      const mode = BEHAVIOURS[ord - 1];
      if (!mode) return ADD_CAUSE.invalidPosition; // no such mode
      this.modes.setMode(served.ld, served.ln.name, mode);
      return undefined;
    };
  }
}
