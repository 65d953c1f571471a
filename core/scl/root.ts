import { SclError } from './errors';
import type { SclEdition, SclHeader, SclIed } from './model';
import type { ScannedSection, ScanResult } from './scan';
import type { Warnings } from './warnings';
import { SCL_NS, rootScope, type NamespaceScope, type XmlElement } from './xml';

/** A root child in the SCL namespace, with its local name. */
export interface Section extends ScannedSection {
  readonly local: string;
}

/** The root must be SCL in the SCL namespace; a root without any namespace is read with a warning. */
export function checkRoot(scan: ScanResult, warnings: Warnings): NamespaceScope {
  const scope = rootScope(scan.rootAttributes);
  const colon = scan.rootQname.indexOf(':');
  const local = colon < 0 ? scan.rootQname : scan.rootQname.slice(colon + 1);
  const ns = colon < 0 ? scope.defaultNs : scope.prefixes[scan.rootQname.slice(0, colon)];
  if (local !== 'SCL') {
    throw new SclError('not-scl', `the root element is <${scan.rootQname}>, not <SCL>: this is not an SCL file`, { offset: scan.rootOffset, expected: '<SCL>' });
  }
  if (ns === undefined && colon < 0) {
    warnings.add('no-namespace', `the SCL root declares no namespace (expected xmlns="${SCL_NS}"); read as SCL anyway`);
  } else if (ns !== SCL_NS) {
    throw new SclError('not-scl', `the root element is in namespace '${ns ?? `undeclared prefix ${scan.rootQname.slice(0, colon)}`}', not the SCL namespace ${SCL_NS}`, {
      offset: scan.rootOffset,
      expected: SCL_NS,
    });
  }
  return scope;
}

/** Root children in the SCL namespace, by local name; foreign-namespace sections are ignored. */
export function sclSections(scan: ScanResult, scope: NamespaceScope): Section[] {
  const out: Section[] = [];
  for (const s of scan.sections) {
    const colon = s.qname.indexOf(':');
    const ns = colon < 0 ? scope.defaultNs : scope.prefixes[s.qname.slice(0, colon)];
    if (ns !== SCL_NS && !(ns === undefined && colon < 0)) continue;
    out.push({ ...s, local: colon < 0 ? s.qname : s.qname.slice(colon + 1) });
  }
  return out;
}

export function readHeader(el: XmlElement | undefined): SclHeader {
  const a = el?.attrs ?? {};
  return { id: a.id, version: a.version, revision: a.revision, toolID: a.toolID, nameStructure: a.nameStructure };
}

export function readEdition(attrs: Readonly<Record<string, string>>): SclEdition {
  return { version: attrs.version, revision: attrs.revision, release: attrs.release };
}

export function finalChecks(ieds: readonly SclIed[], hasTemplates: boolean, warnings: Warnings): void {
  if (ieds.length === 0) warnings.add('no-ied', 'the file describes no IED, so there is nothing to connect to or to plan');
  else if (!hasTemplates) warnings.add('no-templates', 'the file has IEDs but no DataTypeTemplates, so no LN has any data');
  const seen = new Set<string>();
  for (const ied of ieds) {
    if (seen.has(ied.name)) warnings.add('duplicate-name', `two IEDs are named '${ied.name}'`, { ied: ied.name, ids: [ied.name] });
    seen.add(ied.name);
  }
}
