import { readFile } from 'node:fs/promises';
import { ProjectSchema, type Project } from '../../contract';
import { AREA_SIZE, compileRegisterMap, mapCsv, mapTable, ownedRanges, type RegisterMap } from '../../outputs';
import { RelayGateError } from '../../shared';
import type { CommandRun } from '../command';

/** Issues of a broken project shown before "and N more". */
const ISSUES_SHOWN = 10;

/**
 * Loads and validates a project file. Kept to this one function: core/project's loader (migration of
 * older schemas, cross-references) replaces it.
 */
export async function loadProject(file: string): Promise<Project> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const why = err instanceof SyntaxError ? `not JSON: ${err.message}` : (err as Error).message;
    throw new RelayGateError('project', 'unreadable', `${file}: ${why}`, { cause: err });
  }
  const parsed = ProjectSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.length === 0 ? '(top)' : i.path.join('.')}: ${i.message}`);
    const more = issues.length > ISSUES_SHOWN ? `; and ${issues.length - ISSUES_SHOWN} more` : '';
    throw new RelayGateError('project', 'invalid', `${file} is not a valid project: ${issues.slice(0, ISSUES_SHOWN).join('; ')}${more}`);
  }
  return parsed.data;
}

/** `relaygate modbus-map <project.json> [--csv]` (spec in modbus-map-command.ts). */
export const runModbusMap: CommandRun = async (args, io) => {
  const file = args.positionals[0] ?? '';
  const project = await loadProject(file);
  const { map, problems } = compileRegisterMap(project.points);
  if (problems.length > 0) {
    io.err(`relaygate modbus-map: ${file}: the Modbus map has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) io.err(`  ${p.message}`);
    return 1;
  }
  if (args.values.csv) io.out(mapCsv(map));
  else io.out(`${mapTable(map)}\n\n${usage(map)}`);
  return 0;
};

/** `12 points; coil 0, discrete 4, input 10, holding 26 addresses used`. */
function usage(map: RegisterMap): string {
  const used = { coil: 0, discrete: 0, input: 0, holding: 0 };
  for (const p of map.points) for (const r of ownedRanges(p)) used[r.area] += Math.min(r.length, AREA_SIZE - r.start);
  const areas = Object.entries(used).map(([area, n]) => `${area} ${n}`).join(', ');
  return `${map.points.length} point${map.points.length === 1 ? '' : 's'} mapped; addresses used: ${areas}`;
}
