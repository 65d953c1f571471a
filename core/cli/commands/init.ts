import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { COMPANION_KINDS, ProjectSchema, type CompanionKind, type Project } from '../../contract';
import { autoAssignModbus } from '../../outputs';
import { projectFromDraft, validateProject, type DraftIed } from '../../project';
import { writeProjectFile } from '../../runtime';
import { UsageError, intOption, type CommandRun, type ParsedArgs } from '../command';
import { parseEndpoint } from '../endpoint';
import { liveDraft } from './init-live';
import { sclDrafts } from './init-scl';
import { tiersOption } from './init-tiers';

export function companionsOption(values: ParsedArgs['values']): CompanionKind[] {
  const raw = values.companions;
  if (raw === undefined) return ['status'];
  if (raw === 'none') return [];
  const list = String(raw).split(',').map((s) => s.trim()).filter(Boolean);
  for (const c of list)
    if (!(COMPANION_KINDS as readonly string[]).includes(c)) throw new UsageError(`--companions takes ${COMPANION_KINDS.join(', ')} or none, got '${c}'`);
  return [...new Set(list)] as CompanionKind[];
}

/** An SCL file is a path that exists; anything else is an IED address. */
function isFile(source: string): boolean {
  return existsSync(source) && statSync(source).isFile();
}

/** The project of the drafts with the Modbus map auto-assigned (only on request: this is the request). */
export function initProject(name: string, drafts: readonly DraftIed[], companions: readonly CompanionKind[]): { project: Project; notes: string[] } {
  const input = projectFromDraft(name, drafts);
  const parsed = ProjectSchema.parse(input);
  const assigned = autoAssignModbus(parsed.ieds, parsed.points, { companions });
  if (assigned.problems.length > 0) throw new Error(`the Modbus map could not be assigned: ${assigned.problems.map((p) => p.message).join('; ')}`);
  const project = validateProject({ ...parsed, points: assigned.points }, 'the new project');
  const notes = assigned.skipped.map((s) => `${s.key}: no Modbus register (${s.reason})`);
  return { project, notes };
}

export const runInit: CommandRun = async (args, io) => {
  const source = args.positionals[0] ?? '';
  const tiers = tiersOption(args.values);
  const companions = companionsOption(args.values);
  const out = typeof args.values.out === 'string' ? args.values.out : 'project.json';
  if (existsSync(out) && !args.values.force) throw new UsageError(`${out} exists; choose another --out or add --force to replace it`);
  const ieds = (args.values.ied as string[] | undefined) ?? [];
  const host = typeof args.values.host === 'string' ? args.values.host : undefined;
  let drafts: DraftIed[];
  let warnings: string[];
  if (isFile(source)) {
    ({ drafts, warnings } = await sclDrafts({ file: source, ieds, ...(host !== undefined ? { host } : {}), tiers }));
    // Origin paths are relative to the project file.
    drafts = drafts.map((d) => (d.origin && 'scl' in d.origin ? { ...d, origin: { ...d.origin, scl: relative(dirname(resolve(out)), resolve(source)) } } : d));
  } else {
    if (ieds.length > 0) throw new UsageError('--ied names an IED of an SCL file; a live IED is given by its address');
    const endpoint = parseEndpoint(host ?? source);
    const live = await liveDraft({
      ...endpoint,
      timeoutMs: intOption(args.values, 'timeout', 5000, 100, 600_000),
      ...(typeof args.values.password === 'string' ? { password: args.values.password } : {}),
      tiers,
    });
    drafts = [live.draft];
    warnings = live.warnings;
  }
  const name = typeof args.values.name === 'string' ? args.values.name : drafts.map((d) => d.name ?? d.id).join(', ');
  const { project, notes } = initProject(name, drafts, companions);
  // The password used for discovery is never written: the project names an environment variable.
  const withSecrets: Project =
    typeof args.values.password === 'string'
      ? { ...project, ieds: project.ieds.map((i) => ({ ...i, password: { env: `${i.id.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_PASSWORD` } })) }
      : project;
  await writeProjectFile(out, withSecrets, { overwriteUnreadable: args.values.force === true });
  for (const w of [...warnings, ...notes]) io.err(`relaygate init: ${w}`);
  for (const ied of withSecrets.ieds) {
    const points = withSecrets.points.filter((p) => p.ied === ied.id);
    const reported = points.filter((p) => p.source === 'report').length;
    io.err(
      `relaygate init: ${ied.id} at ${ied.host}:${ied.port}: ${points.length} points (${reported} by report through ${ied.reports.length} RCBs, ${points.length - reported} polled)${ied.password && 'env' in ied.password ? `; password from $${ied.password.env}` : ''}`,
    );
  }
  io.out(out);
  return 0;
};
