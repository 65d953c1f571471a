import type { IedConfig, PointConfig, Project } from '../contract';
import { parseObjectReference } from '../iec61850';
import { errorMessage } from '../shared';
import { formatJsonPath, type ProjectIssue } from './issues';

/**
 * What the schema cannot say alone: ids are unique, every point names an IED, a poll group and (for a
 * report point) a report plan that exist, references parse as IEC 61850-7-2 references, and report
 * plans name distinct RCBs. Returns the issues in document order; empty when the project is sound.
 */
export function crossCheck(project: Project): ProjectIssue[] {
  const issues: ProjectIssue[] = [];
  const add = (path: (string | number)[], message: string): void => {
    issues.push({ path: formatJsonPath(path), message });
  };
  const ieds = new Map<string, IedConfig>();
  project.ieds.forEach((ied, i) => {
    if (ieds.has(ied.id)) add(['ieds', i, 'id'], `'${ied.id}' is used by another IED`);
    else ieds.set(ied.id, ied);
    checkIed(ied, ['ieds', i], add);
  });
  const pointKeys = new Set<string>();
  project.points.forEach((point, i) => {
    const key = `${point.ied}/${point.id}`;
    if (pointKeys.has(key)) add(['points', i, 'id'], `'${point.id}' is used by another point of IED '${point.ied}'`);
    pointKeys.add(key);
    checkPoint(point, ieds.get(point.ied), ['points', i], add);
  });
  return issues;
}

type Add = (path: (string | number)[], message: string) => void;

function checkIed(ied: IedConfig, path: (string | number)[], add: Add): void {
  const groups = new Set<string>();
  ied.pollGroups.forEach((g, k) => {
    if (groups.has(g.id)) add([...path, 'pollGroups', k, 'id'], `poll group '${g.id}' is defined twice`);
    groups.add(g.id);
  });
  const plans = new Set<string>();
  const rcbs = new Map<string, string>();
  ied.reports.forEach((r, k) => {
    const at = [...path, 'reports', k];
    if (plans.has(r.id)) add([...at, 'id'], `report plan '${r.id}' is defined twice`);
    plans.add(r.id);
    const rcb = referenceProblem(r.rcb, 1);
    if (rcb) add([...at, 'rcb'], `'${r.rcb}' is not an RCB reference LD/LN.name: ${rcb}`);
    const other = rcbs.get(r.rcb);
    if (other !== undefined) add([...at, 'rcb'], `RCB '${r.rcb}' is already used by report plan '${other}'`);
    rcbs.set(r.rcb, r.id);
    const ds = referenceProblem(r.dataSet, 1);
    if (ds) add([...at, 'dataSet'], `'${r.dataSet}' is not a data set reference LD/LN.name: ${ds}`);
  });
}

function checkPoint(point: PointConfig, ied: IedConfig | undefined, path: (string | number)[], add: Add): void {
  const problem = referenceProblem(point.ref);
  if (problem) add([...path, 'ref'], `'${point.ref}' is not an object reference LD/LN.DO[.DA]: ${problem}`);
  if (!ied) {
    add([...path, 'ied'], `no IED has the id '${point.ied}'`);
    return;
  }
  const group = point.pollGroup ?? 'default';
  if (!ied.pollGroups.some((g) => g.id === group)) {
    add(
      [...path, point.pollGroup === undefined ? 'ied' : 'pollGroup'],
      point.pollGroup === undefined
        ? `IED '${ied.id}' has no 'default' poll group; give this point a pollGroup`
        : `IED '${ied.id}' has no poll group '${group}'`,
    );
  }
  if (point.source === 'report') {
    if (point.report === undefined) add([...path, 'report'], `a report point names the report plan of IED '${ied.id}' it comes from`);
    else if (!ied.reports.some((r) => r.id === point.report))
      add([...path, 'report'], `IED '${ied.id}' has no report plan '${point.report}'`);
  } else if (point.report !== undefined && !ied.reports.some((r) => r.id === point.report)) {
    add([...path, 'report'], `IED '${ied.id}' has no report plan '${point.report}'`);
  }
}

/** Why a reference does not parse (or has too few names below the LN), or undefined when it is fine. */
function referenceProblem(text: string, exactBelowLn?: number): string | undefined {
  try {
    const ref = parseObjectReference(text);
    if (ref.fc !== undefined && exactBelowLn === undefined) return "write the FC in the point's fc field, not in brackets";
    if (exactBelowLn !== undefined && ref.path.length !== exactBelowLn)
      return `expected ${exactBelowLn} name below the LN, got ${ref.path.length}`;
    if (exactBelowLn === undefined && ref.path.length === 0) return 'it names a logical node, not an attribute';
    return undefined;
  } catch (err) {
    return errorMessage(err).replace(/^iec61850\/bad-reference: /, '');
  }
}
