import { z } from 'zod';
import { RelayGateError } from '../shared';
import { BEHAVIOURS } from './behaviour';

/*
 * A scenario is a JSON timeline of steps for repeatable FAT rehearsals and fault tests:
 *
 *   { "name": "…", "repeatEveryMs": 60000, "steps": [ {at, ref?, value?, quality?, time?, mode?, action?, durationMs?} ] }
 *
 * or just the array of steps. `at` is ms after the start (or text: "1.5s", "250ms", "2m").
 */

export const SCENARIO_ACTIONS = [
  'disconnect-clients',
  'restart',
  'pause-reports',
  'resume-reports',
  'confrev-change',
  'brcb-overflow',
  'link-loss',
] as const;
export type ScenarioAction = (typeof SCENARIO_ACTIONS)[number];

const time = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m)?$/, 'a time such as 1500, "250ms", "1.5s" or "2m"'),
]);

const stepSchema = z
  .object({
    at: time,
    ref: z.string().min(1).optional(),
    value: z.union([z.boolean(), z.number(), z.string()]).optional(),
    quality: z.union([z.number().int().nonnegative(), z.string()]).optional(),
    time: z.union([z.number(), z.string()]).optional(),
    mode: z.enum(BEHAVIOURS).optional(),
    action: z.enum(SCENARIO_ACTIONS).optional(),
    durationMs: z.number().positive().optional(),
    comment: z.string().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const changes = s.value !== undefined || s.quality !== undefined || s.time !== undefined;
    const what = [changes, s.mode !== undefined, s.action !== undefined].filter(Boolean).length;
    if (what !== 1)
      ctx.addIssue({ code: 'custom', message: 'a step does one thing: value/quality/time, mode, or action' });
    if ((changes || s.mode !== undefined) && s.ref === undefined)
      ctx.addIssue({ code: 'custom', message: 'a value, quality, time or mode step needs ref' });
    if ((s.action === 'confrev-change' || s.action === 'brcb-overflow') && s.ref === undefined)
      ctx.addIssue({ code: 'custom', message: `${s.action} needs ref, the RCB (LD/LN.rcbName)` });
  });

const stepsSchema = z.array(stepSchema);
const documentSchema = z
  .object({ name: z.string().optional(), repeatEveryMs: z.number().positive().optional(), steps: stepsSchema })
  .strict();

export interface ScenarioStep {
  /** ms after the start of the scenario. */
  readonly at: number;
  readonly ref?: string;
  readonly value?: boolean | number | string;
  readonly quality?: number | string;
  readonly time?: number | string;
  readonly mode?: (typeof BEHAVIOURS)[number];
  readonly action?: ScenarioAction;
  /** link-loss and pause-reports: how long, ms (default: until a later step ends it). */
  readonly durationMs?: number;
}

export interface Scenario {
  readonly name: string | undefined;
  readonly repeatEveryMs: number | undefined;
  /** In time order. */
  readonly steps: readonly ScenarioStep[];
}

function ms(at: number | string): number {
  if (typeof at === 'number') return at;
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(at)!;
  const n = Number(m[1]);
  return m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
}

/** Reads a scenario; throws sim/bad-scenario naming the step and the field that is wrong. */
export function parseScenario(json: unknown, where = 'scenario'): Scenario {
  // The two forms are told apart first, so an error names the step and field, not the whole document.
  const result = Array.isArray(json) ? stepsSchema.safeParse(json) : documentSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : 'the document';
    throw new RelayGateError('sim', 'bad-scenario', `${where}: ${path}: ${issue?.message ?? 'not a scenario'}`);
  }
  const doc = Array.isArray(result.data) ? { steps: result.data } : result.data;
  const steps = doc.steps
    .map((s) => {
      const { comment: _comment, ...rest } = s;
      return { ...rest, at: ms(s.at) } as ScenarioStep;
    })
    .sort((a, b) => a.at - b.at);
  return { name: 'name' in doc ? doc.name : undefined, repeatEveryMs: 'repeatEveryMs' in doc ? doc.repeatEveryMs : undefined, steps };
}

/** Runs a scenario's steps at their times (and again every repeatEveryMs); `stop` cancels what is left. */
export class ScenarioRunner {
  private timers: ReturnType<typeof setTimeout>[] = [];
  private stopped = false;

  constructor(
    private readonly scenario: Scenario,
    private readonly run: (step: ScenarioStep) => void | Promise<void>,
    private readonly onError: (step: ScenarioStep, err: unknown) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.round();
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.splice(0)) clearTimeout(t);
  }

  private round(): void {
    for (const step of this.scenario.steps) {
      this.timers.push(
        setTimeout(() => {
          if (this.stopped) return;
          Promise.resolve()
            .then(() => this.run(step))
            .catch((err: unknown) => this.onError(step, err));
        }, step.at),
      );
    }
    const every = this.scenario.repeatEveryMs;
    if (every !== undefined) this.timers.push(setTimeout(() => !this.stopped && this.round(), every));
  }
}
