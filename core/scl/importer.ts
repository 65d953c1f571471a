import { readCommunication } from './communication';
import { checkSize, decodeSclBytes } from './decode';
import { SclError } from './errors';
import { buildIed, type LnBatches } from './ied';
import { withDefaults, type SclLimits } from './limits';
import type { SclDocument, SclEdition, SclHeader, SclIed } from './model';
import { scanXml, type LnSpan, type ScannedSection, type ScanResult } from './scan';
import { TemplateResolver } from './templates';
import { Warnings } from './warnings';
import { SCL_NS, childrenNamed, parseElements, rootScope, type ConvertOptions, type NamespaceScope, type XmlElement } from './xml';

export type SclPhase = 'decode' | 'scan' | 'templates' | 'communication' | 'ieds' | 'done';

export interface SclProgress {
  readonly phase: SclPhase;
  /** Overall progress, 0 … 1, never decreasing. */
  readonly fraction: number;
  /** E.g. the IED being read. */
  readonly detail?: string;
}

export interface SclImportOptions {
  /** Shown in errors (`file:line:column`) and kept on the document. */
  readonly fileName?: string;
  readonly limits?: Partial<SclLimits>;
  /** Called synchronously as the import advances: once per phase and once per IED. */
  readonly onProgress?: (progress: SclProgress) => void;
}

/** Share of the progress bar spent before the sections are parsed (decode and scan). */
const SCAN_SHARE = 0.1;

/**
 * Imports an SCL document (.scd, .cid, .icd, .iid, .sed, .ssd, .xml; editions 2003, 2007A/B, 2007B4)
 * from its bytes or text. Pure: no file access; the caller reads the file. Throws SclError (with file,
 * line and column where one applies) when the document cannot be read at all; everything that can be
 * read past is a warning on the result.
 */
export function importScl(input: Uint8Array | string, options: SclImportOptions = {}): SclDocument {
  const limits = withDefaults(options.limits);
  const progress = options.onProgress ?? (() => undefined);
  let text: string | undefined;
  try {
    progress({ phase: 'decode', fraction: 0 });
    if (typeof input === 'string') {
      checkSize(input.length, limits);
      text = input;
    } else {
      text = decodeSclBytes(input, limits);
    }
    progress({ phase: 'scan', fraction: SCAN_SHARE / 2 });
    const scan = scanXml(text, limits);
    return buildDocument(text, scan, limits, options.fileName, progress);
  } catch (err) {
    if (err instanceof SclError) throw err.located(options.fileName, text);
    throw err;
  }
}

interface Section extends ScannedSection {
  readonly local: string;
}

function buildDocument(text: string, scan: ScanResult, limits: SclLimits, fileName: string | undefined, progress: (p: SclProgress) => void): SclDocument {
  const warnings = new Warnings();
  const scope = checkRoot(scan, warnings);
  const convert: ConvertOptions = { decode: scan.hasReferences, trackNamespaces: scan.namespacesBelowRoot };
  const sections = sclSections(scan, scope);
  const total = sections.reduce((s, x) => s + (x.end - x.start), 0) || 1;
  let done = 0;
  const advance = (section: Section | undefined, phase: SclPhase, detail?: string) => {
    if (section) done += section.end - section.start;
    progress({ phase, fraction: SCAN_SHARE + (1 - SCAN_SHARE) * (done / total), ...(detail === undefined ? {} : { detail }) });
  };
  // A section can still turn out foreign when it redeclares the default namespace itself; it is skipped.
  const parse = (s: Section): XmlElement | undefined => parseElements(text.slice(s.start, s.end), scope, convert)[0];
  const one = (local: string) => sections.find((s) => s.local === local);
  const headerSection = one('Header');
  const header = readHeader(headerSection && parse(headerSection));
  if (headerSection) advance(headerSection, 'templates');
  const templatesSection = one('DataTypeTemplates');
  const resolver = new TemplateResolver(templatesSection && parse(templatesSection), warnings, limits);
  advance(templatesSection, 'templates');
  const commSection = one('Communication');
  const communication = readCommunication(commSection && parse(commSection), warnings);
  advance(commSection, 'communication');
  const edition = readEdition(scan.rootAttributes);
  const ctx = { resolver, communication, warnings, limits, edition2: (edition.version ?? '2003') >= '2007' };
  const ieds: SclIed[] = [];
  for (const s of sections) {
    if (s.local !== 'IED') continue;
    const ied = s.lnSpans.length === 0 || scan.namespacesBelowRoot ? parseAndBuild(parse(s), ctx) : buildChunkedIed(text, s, scope, convert, ctx);
    if (ied) ieds.push(ied);
    advance(s, 'ieds', ied?.name);
  }
  finalChecks(ieds, templatesSection !== undefined, warnings);
  progress({ phase: 'done', fraction: 1 });
  return { fileName, edition, header, templates: resolver.counts, ieds, subNetworks: communication.subNetworks, warnings: warnings.finish() };
}

function parseAndBuild(el: XmlElement | undefined, ctx: Parameters<typeof buildIed>[1]): SclIed | undefined {
  return el && buildIed(el, ctx);
}

/** Text of LN runs parsed at once: big enough to amortise a parser call, small enough to die young. */
const LN_BATCH_CHARS = 64 * 1024;

/**
 * Parses an IED as a shell (the IED without its LN0/LN elements) plus its LNs in small batches, so no
 * tree larger than a few LNs is ever alive. The scanner recorded where each LN sits and which LDevice
 * (by ordinal) holds it.
 */
function buildChunkedIed(text: string, s: Section, scope: NamespaceScope, convert: ConvertOptions, ctx: Parameters<typeof buildIed>[1]): SclIed | undefined {
  const pieces: string[] = [];
  let pos = s.start;
  const byLd = new Map<number, LnSpan[]>();
  for (const span of s.lnSpans) {
    pieces.push(text.slice(pos, span.start));
    pos = span.end;
    let list = byLd.get(span.ld);
    if (!list) byLd.set(span.ld, (list = []));
    list.push(span);
  }
  pieces.push(text.slice(pos, s.end));
  const [shell] = parseElements(pieces.join(''), scope, convert);
  if (!shell) return undefined;
  // The scanner counted LDevices as IED/AccessPoint/Server/LDevice in document order; so do we.
  const ordinal = new Map<XmlElement, number>();
  for (const ap of childrenNamed(shell, 'AccessPoint')) {
    for (const server of childrenNamed(ap, 'Server')) for (const ld of childrenNamed(server, 'LDevice')) ordinal.set(ld, ordinal.size);
  }
  const batches: LnBatches = (ld) => lnBatches(text, byLd.get(ordinal.get(ld) ?? -1) ?? [], scope, convert);
  return buildIed(shell, ctx, batches);
}

function* lnBatches(text: string, spans: readonly LnSpan[], scope: NamespaceScope, convert: ConvertOptions): Generator<XmlElement[]> {
  let i = 0;
  while (i < spans.length) {
    const first = spans[i];
    if (!first) return;
    let j = i;
    while (j + 1 < spans.length && (spans[j + 1]?.end ?? 0) - first.start <= LN_BATCH_CHARS) j++;
    yield parseElements(text.slice(first.start, spans[j]?.end ?? first.end), scope, convert);
    i = j + 1;
  }
}

/** The root must be SCL in the SCL namespace; a root without any namespace is read with a warning. */
function checkRoot(scan: ScanResult, warnings: Warnings): NamespaceScope {
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
function sclSections(scan: ScanResult, scope: NamespaceScope): Section[] {
  const out: Section[] = [];
  for (const s of scan.sections) {
    const colon = s.qname.indexOf(':');
    const ns = colon < 0 ? scope.defaultNs : scope.prefixes[s.qname.slice(0, colon)];
    if (ns !== SCL_NS && !(ns === undefined && colon < 0)) continue;
    out.push({ ...s, local: colon < 0 ? s.qname : s.qname.slice(colon + 1) });
  }
  return out;
}

function readHeader(el: XmlElement | undefined): SclHeader {
  const a = el?.attrs ?? {};
  return { id: a.id, version: a.version, revision: a.revision, toolID: a.toolID, nameStructure: a.nameStructure };
}

function readEdition(attrs: Readonly<Record<string, string>>): SclEdition {
  return { version: attrs.version, revision: attrs.revision, release: attrs.release };
}

function finalChecks(ieds: readonly SclIed[], hasTemplates: boolean, warnings: Warnings): void {
  if (ieds.length === 0) warnings.add('no-ied', 'the file describes no IED, so there is nothing to connect to or to plan');
  else if (!hasTemplates) warnings.add('no-templates', 'the file has IEDs but no DataTypeTemplates, so no LN has any data');
  const seen = new Set<string>();
  for (const ied of ieds) {
    if (seen.has(ied.name)) warnings.add('duplicate-name', `two IEDs are named '${ied.name}'`, { ied: ied.name, ids: [ied.name] });
    seen.add(ied.name);
  }
}
