import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  IedConnect,
  JobProgress,
  ProbePointsResult,
  SclIedDto,
  SclOverviewDto,
  Selectors,
} from '../../../../core/contract';
import type { Backend } from '../../api/backend';
import { pointKey, pointsByKey, ModelTree } from './tree-model';
import { errorText } from '../../error-text';
import { followJobProgress, newJobId } from '../../stores/jobs';

export type WizardStep = 'source' | 'points' | 'probe' | 'add';

/** One IED the wizard has a model of: discovered live, or read from an SCL file. */
export interface WizardIed {
  readonly name: string;
  readonly dto: SclIedDto;
  readonly tree: ModelTree;
  readonly host: string;
  readonly port: number;
  /** Typed for discovery and probe only; never stored in the project (the Add step makes a SecretRef). */
  readonly password: string;
  readonly selectors: Selectors | undefined;
  readonly origin: { scl: string; ied: string } | { discovered: string };
  readonly identity: string | null;
  readonly warnings: readonly string[];
  readonly selected: ReadonlySet<string>;
  readonly probe: ProbePointsResult | null;
}

export interface IpForm {
  host: string;
  port: string;
  password: string;
  tsel: string;
  ssel: string;
  psel: string;
  apTitle: string;
  aeQualifier: string;
  timeoutMs: string;
}

/** An IED of the SCL file: whether it is picked, and the address to use (from SCL or typed). */
export interface SclPick {
  picked: boolean;
  host: string;
  port: string;
}

export interface WizardState {
  step: WizardStep;
  mode: 'ip' | 'scl';
  ip: IpForm;
  /** The long job running now (discovery, probe, SCL loading), with its last progress. */
  job: { id: string; kind: 'discover' | 'probe' | 'scl'; label: string; progress: JobProgress | null } | null;
  upload: { sent: number; total: number; name: string } | null;
  error: string | null;
  scl: { path: string; label: string; overview: SclOverviewDto; picks: Record<string, SclPick> } | null;
  ieds: WizardIed[];
  active: number;
}

export interface WizardStore extends StoreApi<WizardState> {
  setIp(patch: Partial<IpForm>): void;
  discover(): Promise<void>;
  cancel(): void;
  openScl(path: string, label: string): Promise<void>;
  setPick(ied: string, patch: Partial<SclPick>): void;
  loadScl(): Promise<void>;
  select(ied: number, keys: Iterable<string>, on: boolean): void;
  setSelection(ied: number, keys: ReadonlySet<string>): void;
  probe(): Promise<void>;
  reset(): void;
  dispose(): void;
}

const EMPTY_IP: IpForm = { host: '', port: '102', password: '', tsel: '', ssel: '', psel: '', apTitle: '', aeQualifier: '', timeoutMs: '5000' };

/** The Advanced fields that were filled in. */
function selectorsOf(f: IpForm): Selectors | undefined {
  const s: Selectors = {
    ...(f.tsel.trim() ? { tsel: f.tsel.trim() } : {}),
    ...(f.ssel.trim() ? { ssel: f.ssel.trim() } : {}),
    ...(f.psel.trim() ? { psel: f.psel.trim() } : {}),
    ...(f.apTitle.trim() ? { apTitle: f.apTitle.trim() } : {}),
    ...(f.aeQualifier.trim() ? { aeQualifier: Number(f.aeQualifier) } : {}),
  };
  return Object.keys(s).length > 0 ? s : undefined;
}

/** A port typed by the user, or an error saying what is wrong with it. */
export function parsePort(text: string): number | string {
  const port = Number(text.trim());
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : `the port must be a whole number from 1 to 65535, not '${text}'`;
}

/** The essential tier, pre-selected: what every HMI shows of such an IED. */
const essentialOf = (dto: SclIedDto): Set<string> => new Set(dto.points.filter((p) => p.tier === 'essential').map(pointKey));

/**
 * The Add IED wizard: a source (a live IED by address, or IEDs of an SCL file with their addresses
 * confirmed), the model tree and plan of each IED with the essential tier pre-selected, a probe of the
 * selection, and the IEDs handed to the project. Long work runs as service jobs whose progress events
 * this store follows, and which Cancel stops.
 */
export function createWizardStore(backend: Backend): WizardStore {
  const store = createStore<WizardState>(() => ({ step: 'source', mode: 'ip', ip: { ...EMPTY_IP }, job: null, upload: null, error: null, scl: null, ieds: [], active: 0 }));
  const unsubscribe = followJobProgress(backend, store);

  const fail = (err: unknown): void => store.setState({ error: errorText(err) });
  const update = (index: number, patch: Partial<WizardIed>): void =>
    store.setState((s) => ({ ieds: s.ieds.map((ied, i) => (i === index ? { ...ied, ...patch } : ied)) }));

  const tiersAll = ['essential', 'station', 'extended', 'all'] as const;

  const wizardIed = (dto: SclIedDto, rest: Omit<WizardIed, 'dto' | 'tree' | 'selected' | 'probe' | 'name'>): WizardIed => ({
    name: dto.overview.name,
    dto,
    tree: new ModelTree(dto.model),
    selected: essentialOf(dto),
    probe: null,
    ...rest,
  });

  return Object.assign(store, {
    setIp: (patch: Partial<IpForm>) => store.setState((s) => ({ ip: { ...s.ip, ...patch }, error: null })),

    async discover() {
      const { ip } = store.getState();
      const port = parsePort(ip.port);
      if (!ip.host.trim()) return fail('give the IED\'s IP address or host name');
      if (typeof port === 'string') return fail(port);
      const selectors = selectorsOf(ip);
      const connect: IedConnect = {
        host: ip.host.trim(),
        port,
        ...(ip.password ? { password: ip.password } : {}),
        ...(selectors ? { selectors } : {}),
        ...(Number(ip.timeoutMs) >= 100 ? { timeoutMs: Number(ip.timeoutMs) } : {}),
      };
      const id = newJobId('discover');
      store.setState({ job: { id, kind: 'discover', label: `Discovering ${connect.host}:${port}`, progress: null }, error: null });
      try {
        const result = await backend.api.discoverIed({ jobId: id, connect, tiers: [...tiersAll] });
        const ied = wizardIed(result.ied, {
          host: connect.host,
          port,
          password: ip.password,
          selectors,
          origin: { discovered: `${connect.host}:${port}${result.identity ? ` (${result.identity.vendor} ${result.identity.model} ${result.identity.revision})` : ''}` },
          identity: result.identity ? `${result.identity.vendor} ${result.identity.model} ${result.identity.revision}` : null,
          warnings: result.warnings,
        });
        store.setState({ ieds: [ied], active: 0, step: 'points' });
      } catch (err) {
        fail(err);
      } finally {
        store.setState({ job: null });
      }
    },

    cancel() {
      const job = store.getState().job;
      if (job && job.kind !== 'scl') void backend.api.cancelJob({ jobId: job.id }).catch(() => undefined);
    },

    async openScl(path: string, label: string) {
      store.setState({ job: { id: newJobId('scl'), kind: 'scl', label: `Reading ${label}`, progress: null }, error: null, scl: null });
      try {
        const overview = await backend.api.sclOverview({ path });
        const picks: Record<string, SclPick> = {};
        for (const ied of overview.ieds) {
          const ip = ied.accessPoints.find((a) => a.ip)?.ip ?? '';
          picks[ied.name] = { picked: overview.ieds.length === 1, host: ip, port: '102' };
        }
        store.setState({ scl: { path, label, overview, picks } });
      } catch (err) {
        fail(err);
      } finally {
        store.setState({ job: null });
      }
    },

    setPick(ied: string, patch: Partial<SclPick>) {
      const scl = store.getState().scl;
      if (!scl) return;
      const current = scl.picks[ied] ?? { picked: false, host: '', port: '102' };
      store.setState({ scl: { ...scl, picks: { ...scl.picks, [ied]: { ...current, ...patch } } }, error: null });
    },

    async loadScl() {
      const scl = store.getState().scl;
      if (!scl) return;
      const chosen = Object.entries(scl.picks).filter(([, p]) => p.picked);
      if (chosen.length === 0) return fail('pick at least one IED of the file');
      for (const [name, p] of chosen) {
        if (!p.host.trim()) return fail(`IED ${name} has no IP address in the file: give the address to reach it at`);
        const port = parsePort(p.port);
        if (typeof port === 'string') return fail(`IED ${name}: ${port}`);
      }
      store.setState({ job: { id: newJobId('scl'), kind: 'scl', label: `Reading ${chosen.length} IED${chosen.length > 1 ? 's' : ''} of ${scl.label}`, progress: null }, error: null });
      try {
        const ieds: WizardIed[] = [];
        for (const [name, p] of chosen) {
          const dto = await backend.api.sclIed({ path: scl.path, ied: name, tiers: [...tiersAll] });
          ieds.push(wizardIed(dto, { host: p.host.trim(), port: Number(p.port), password: '', selectors: undefined, origin: { scl: scl.label, ied: name }, identity: null, warnings: dto.warnings.map((w) => w.message) }));
        }
        store.setState({ ieds, active: 0, step: 'points' });
      } catch (err) {
        fail(err);
      } finally {
        store.setState({ job: null });
      }
    },

    select(index: number, keys: Iterable<string>, on: boolean) {
      const ied = store.getState().ieds[index];
      if (!ied) return;
      const plan = pointsByKey(ied.dto.points);
      const next = new Set(ied.selected);
      for (const k of keys) {
        if (!plan.has(k)) continue;
        if (on) next.add(k);
        else next.delete(k);
      }
      update(index, { selected: next, probe: null });
    },

    setSelection(index: number, keys: ReadonlySet<string>) {
      update(index, { selected: keys, probe: null });
    },

    async probe() {
      const { ieds, active } = store.getState();
      const ied = ieds[active];
      if (!ied) return;
      const plan = pointsByKey(ied.dto.points);
      const points = [...ied.selected].flatMap((k) => {
        const p = plan.get(k);
        if (!p) return [];
        const enumNames = p.type === 'enum' ? ied.tree.enumNames(p.ref, p.fc) : undefined;
        return [{ ref: p.ref, fc: p.fc as 'ST', type: p.type as 'boolean', ...(enumNames ? { enumNames } : {}) }];
      });
      if (points.length === 0) return fail('select at least one point to probe');
      const id = newJobId('probe');
      store.setState({ job: { id, kind: 'probe', label: `Probing ${points.length} points of ${ied.name}`, progress: null }, error: null, step: 'probe' });
      try {
        const result = await backend.api.probePoints({
          jobId: id,
          connect: { host: ied.host, port: ied.port, ...(ied.password ? { password: ied.password } : {}), ...(ied.selectors ? { selectors: ied.selectors } : {}) },
          points,
        });
        update(active, { probe: result });
      } catch (err) {
        fail(err);
      } finally {
        store.setState({ job: null });
      }
    },

    reset: () => store.setState({ step: 'source', job: null, upload: null, error: null, scl: null, ieds: [], active: 0, ip: { ...EMPTY_IP } }),
    dispose: unsubscribe,
  });
}
