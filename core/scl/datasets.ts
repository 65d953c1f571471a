import { isFc, type Fc } from '../iec61850';
import type { SclDataAttribute, SclDataNode, SclDataObject, SclDataSet, SclDataSetMember, SclLogicalNode } from './model';
import type { Warnings } from './warnings';
import { childrenNamed, type XmlElement } from './xml';

/** What a data set member can point at: the LDs (by inst) of one access point's server. */
export interface ServerIndex {
  ld(inst: string): { readonly name: string; ln(name: string): SclLogicalNode | undefined } | undefined;
  /** Whether some LD of the server has this name (to explain an FCDA that gives the name as ldInst). */
  ldNamed(name: string): boolean;
}

interface Walk {
  /** Names below the LN, with `(ix)` on the indexed array element. */
  readonly elements: readonly string[];
  readonly problem: string | undefined;
}

/** How many unresolved members a warning lists by reference. */
const WARNING_IDS = 100;

/** Reads a DataSet and resolves each FCDA against the server's model. */
export function readDataSet(el: XmlElement, at: { ied: string; ld: string; ln: string }, index: ServerIndex, warnings: Warnings): SclDataSet {
  const name = el.attrs.name ?? '';
  const ref = `${at.ld}/${at.ln}.${name}`;
  const members = childrenNamed(el, 'FCDA').map((f) => resolveMember(f, index));
  const lln0Inst = members.filter((m) => m.lnClass === 'LLN0' && m.lnInst !== '');
  if (lln0Inst.length > 0) {
    warnings.add('bad-attribute', `data set ${ref}: ${lln0Inst.length} FCDA give lnInst '${lln0Inst[0]?.lnInst ?? ''}' for LLN0, which has no instance number; read as LLN0`, { ied: at.ied });
  }
  const bad = members.filter((m) => !m.resolved);
  if (bad.length > 0) {
    const list = bad.slice(0, 5).map((m) => `${m.ref} (${m.problem ?? ''})`);
    const more = bad.length > 5 ? `, … ${bad.length - 5} more` : '';
    warnings.add('unresolved-member', `data set ${ref}: ${bad.length} of ${members.length} members do not resolve: ${list.join('; ')}${more}`, {
      ied: at.ied,
      // Each member keeps its own problem; the warning names a bounded few, however big the data set.
      ids: bad.slice(0, WARNING_IDS).map((m) => m.ref),
    });
  }
  return { name, ref, ld: at.ld, ln: at.ln, desc: el.attrs.desc, members };
}

/**
 * Resolves one FCDA (ldInst, prefix, lnClass, lnInst, doName, daName, fc, ix). doName may hold SDOs
 * (`A.phsA`) and daName BDAs (`cVal.mag.f`); either may stop early, making the member a whole DO or a
 * whole structure of one FC. `ix` indexes the first array met along the path.
 */
export function resolveMember(fcda: XmlElement, index: ServerIndex): SclDataSetMember {
  const a = fcda.attrs;
  const ldInst = a.ldInst ?? '';
  const prefix = a.prefix ?? '';
  const lnClass = a.lnClass ?? '';
  const lnInst = a.lnInst ?? '';
  const doName = a.doName;
  const daName = a.daName;
  const fcText = a.fc ?? '';
  const fc: Fc | undefined = isFc(fcText) ? fcText : undefined;
  const ixNumber = a.ix === undefined ? undefined : Number(a.ix);
  const ix = ixNumber !== undefined && Number.isInteger(ixNumber) && ixNumber >= 0 ? ixNumber : undefined;
  const doPath = doName === undefined || doName === '' ? [] : doName.split('.');
  const daPath = daName === undefined || daName === '' ? [] : daName.split('.');
  const path = [...doPath, ...daPath].map((p) => (p.endsWith(')') ? p.replace(/\(\d+\)$/, '') : p));
  // LLN0 has no instance number; some files still give lnInst (libiec61850 test files write "1").
  const lnName = lnClass === 'LLN0' ? 'LLN0' : `${prefix}${lnClass}${lnInst}`;
  const ld = index.ld(ldInst);
  const ldName = ld?.name ?? ldInst;
  const ln = ld?.ln(lnName);
  let walk: Walk & { arrayElement?: boolean };
  if (fc === undefined) walk = { elements: path, problem: `fc '${fcText}' is not a functional constraint` };
  else if (a.ix !== undefined && ix === undefined) walk = { elements: path, problem: `ix '${a.ix}' is not a whole number` };
  else if (!ld) walk = { elements: path, problem: `no LDevice with inst '${ldInst}'${index.ldNamed(ldInst) ? ` (an LD is named so, but ldInst must be the inst)` : ''}` };
  else if (!ln) walk = { elements: path, problem: `no LN ${lnName} in ${ldName}` };
  else if (!ln.type) walk = { elements: path, problem: `LN ${lnName} has no data: its LNodeType '${ln.lnType}' is missing` };
  else if (doPath.length === 0) walk = { elements: path, problem: 'no doName' };
  else walk = walkPath(ln.type.dataObjects, doPath, daPath, fc, ix);
  const elements = walk.problem !== undefined && ix !== undefined ? withIndexOnLast(walk.elements, ix) : walk.elements;
  const ref = `${ldName}/${[lnName, ...elements].join('.')}${fc === undefined ? '' : `[${fc}]`}`;
  return {
    ldInst,
    prefix,
    lnClass,
    lnInst,
    doName,
    daName,
    fc,
    ix,
    ref,
    resolved: walk.problem === undefined,
    problem: walk.problem,
    ld: ldName,
    ln: lnName,
    path,
    arrayElement: walk.arrayElement ?? ix !== undefined,
  };
}

function withIndexOnLast(path: readonly string[], ix: number): string[] {
  const out = [...path];
  if (out.length > 0) out[out.length - 1] = `${out[out.length - 1] ?? ''}(${ix})`;
  return out;
}

const SEGMENT = /^([A-Za-z0-9_]+)(?:\((\d{1,9})\))?$/;

/**
 * Walks doName then daName below the LN. Segments may carry an index, `phsAHar(7)` (libiec61850 writes
 * array elements so); daName may pass through SDOs as libiec61850 files do. The FC must be the FC of
 * the first DA on the path, or, for a path that stops at a DO/SDO, of at least one DA below it.
 */
function walkPath(dataObjects: readonly SclDataObject[], doPath: string[], daPath: string[], fc: Fc, ix: number | undefined): Walk & { arrayElement: boolean } {
  const segments = [...doPath, ...daPath];
  const fail = (problem: string) => ({ elements: segments, problem, arrayElement: ix !== undefined });
  const elements: string[] = [];
  let ixPending = ix !== undefined;
  let arrayElement = false;
  let children: readonly SclDataNode[] = dataObjects;
  let node: SclDataNode | undefined;
  let firstDa: SclDataAttribute | undefined;
  for (const segment of segments) {
    const m = SEGMENT.exec(segment);
    if (!m || m[1] === undefined) return fail(`'${segment}' is not a data name`);
    const name = m[1];
    const index = m[2] === undefined ? undefined : Number(m[2]);
    const where = elements.length === 0 ? 'the LN' : elements.join('.');
    node = children.find((c) => c.name === name);
    if (!node) return fail(`no ${elements.length === 0 ? 'DO' : 'SDO, DA or BDA'} '${name}' below ${where}`);
    const at = index ?? (ixPending && node.count !== undefined ? ix : undefined);
    if (at !== undefined) {
      if (node.count === undefined) return fail(`'${name}' is not an array, so '${segment}' names nothing`);
      if (node.count > 0 && at >= node.count) return fail(`index ${at} is outside ${name}[0..${node.count - 1}]`);
      if (index === undefined) ixPending = false;
      arrayElement = true;
      elements.push(`${name}(${at})`);
    } else {
      elements.push(name);
    }
    if (node.kind === 'DA') firstDa ??= node;
    children = node.children;
  }
  if (firstDa && firstDa.fc !== fc) return fail(`${firstDa.name} has FC ${firstDa.fc ?? '?'}, not ${fc}`);
  if (!firstDa && node && !hasFc(node, fc)) return fail(`${doPath.join('.')} has no data attribute with FC ${fc}`);
  if (ixPending) return fail(`ix ${ix ?? 0} is given but nothing on the path is an array`);
  return { elements, problem: undefined, arrayElement };
}

/** Whether a DO/SDO subtree holds a DA with this FC (DAs carry the FC; SDOs are searched). */
export function hasFc(node: SclDataNode, fc: Fc): boolean {
  if (node.kind === 'DA') return node.fc === fc;
  if (node.kind === 'BDA') return false;
  return node.children.some((c) => hasFc(c, fc));
}
