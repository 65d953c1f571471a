import { readCommunication, type CommunicationIndex } from './communication';
import { checkSize, decodeSclBytes } from './decode';
import { SclError } from './errors';
import { FULL, SKELETON } from './cuts';
import { buildIed, type IedContext } from './ied';
import { withDefaults, type SclLimits } from './limits';
import type { SclDocument, SclEdition, SclHeader, SclIed, SclWarning } from './model';
import { checkRoot, finalChecks, readEdition, readHeader, sclSections, type Section } from './root';
import { scanXml, type ScanResult } from './scan';
import { buildSectionIed, type SectionSource } from './skeleton';
import { TemplateResolver } from './templates';
import { Warnings } from './warnings';
import { parseElements, type XmlElement } from './xml';

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

/** One IED in full, and the warnings only its details bring (about its data set members). */
export interface SclIedDetail {
  readonly ied: SclIed;
  readonly warnings: readonly SclWarning[];
}

/**
 * An SCL document (.scd, .cid, .icd, .iid, .sed, .ssd, .xml; editions 2003, 2007A/B, 2007B4) read step
 * by step, each step parsing only what it needs:
 * - `open`: decode and one well-formedness scan that enforces the limits and records where each
 *   section, LN, DOI, data set member and Private element sits (no tree is built);
 * - `overview()`: every IED without its DOI/SDI/DAI instance values and data set members — structure,
 *   resolved types, data sets (by name), control blocks, connections, counts — and the warnings about
 *   them;
 * - `details(ied)`: one IED in full, parsed again from its own section, with the warnings about its
 *   data set members;
 * - `document()`: every IED in full (what `importScl` returns), with every warning.
 * Resolved type trees are shared by every IED and every step. Pure: the caller reads the file. Throws
 * SclError (with file, line and column where one applies) when the document cannot be read at all;
 * everything that can be read past is a warning.
 */
export class SclFile {
  private readonly src: SectionSource;
  private readonly sections: readonly Section[];
  private readonly rootWarnings = new Warnings();
  private readonly sectionOf = new WeakMap<SclIed, Section>();
  private overviewDoc: SclDocument | undefined;
  private parts: DocumentParts | undefined;

  private constructor(
    private readonly text: string,
    private readonly scan: ScanResult,
    private readonly limits: SclLimits,
    readonly fileName: string | undefined,
    private readonly progress: (p: SclProgress) => void,
  ) {
    const scope = checkRoot(scan, this.rootWarnings);
    for (const name of scan.ignoredSections) {
      this.rootWarnings.add('ignored-section', `the file has more than one ${name}; the first is read and the others are ignored`);
    }
    this.src = { text, scope, convert: { decode: scan.hasReferences, trackNamespaces: scan.namespacesBelowRoot } };
    this.sections = sclSections(scan, scope);
  }

  /** Decodes and scans; throws SclError for a document that is not well-formed SCL within the limits. */
  static open(input: Uint8Array | string, options: SclImportOptions = {}): SclFile {
    const limits = withDefaults(options.limits);
    const progress = options.onProgress ?? (() => undefined);
    let text: string | undefined;
    try {
      progress({ phase: 'decode', fraction: 0 });
      if (typeof input === 'string') checkSize(input.length, limits);
      text = typeof input === 'string' ? input : decodeSclBytes(input, limits);
      progress({ phase: 'scan', fraction: SCAN_SHARE / 2 });
      return new SclFile(text, scanXml(text, limits), limits, options.fileName, progress);
    } catch (err) {
      if (err instanceof SclError) throw err.located(options.fileName, text);
      throw err;
    }
  }

  get edition(): SclEdition {
    return readEdition(this.scan.rootAttributes);
  }

  /**
   * Every IED without instance values and data set members (their `values` maps and `members` lists
   * are empty), and every warning but those about data set members. Built once.
   */
  overview(): SclDocument {
    this.overviewDoc ??= this.located(() => this.build(SKELETON));
    return this.overviewDoc;
  }

  /** One IED of the overview in full; each call parses it anew (callers that show it twice keep it). */
  details(ied: SclIed): SclIedDetail {
    return this.located(() => {
      const s = this.sectionOf.get(ied);
      const parts = this.parts;
      if (!s || !parts) return { ied, warnings: [] };
      const warnings = new Warnings();
      const full = parts.resolver.reportingTo(warnings, () => this.sectionIed(s, { ...parts.ctx, warnings }, FULL));
      const known = new Set(this.overview().warnings.map((w) => `${w.code}\u0000${w.message}`));
      // Type warnings are the overview's (counted over every IED); what is new is about data set members.
      const extra = warnings.finish().filter((w) => w.code !== 'missing-type' && !known.has(`${w.code}\u0000${w.message}`));
      return { ied: full ?? ied, warnings: extra };
    });
  }

  /** Every IED in full, with every warning: a build of its own, independent of the overview. */
  document(): SclDocument {
    return this.located(() => this.build(FULL));
  }

  private located<T>(run: () => T): T {
    try {
      return run();
    } catch (err) {
      if (err instanceof SclError) throw err.located(this.fileName, this.text);
      throw err;
    }
  }

  /** Reads header, templates and communication, then each IED without the cuts in `mask`. */
  private build(mask: number): SclDocument {
    const warnings = new Warnings();
    const total = this.sections.reduce((s, x) => s + (x.end - x.start), 0) || 1;
    let done = 0;
    const advance = (section: Section | undefined, phase: SclPhase, detail?: string) => {
      if (section) done += section.end - section.start;
      this.progress({ phase, fraction: SCAN_SHARE + (1 - SCAN_SHARE) * (done / total), ...(detail === undefined ? {} : { detail }) });
    };
    const parts = this.documentParts(warnings, advance);
    // The overview's parts serve the details later: the resolved types are shared with them.
    if (mask === SKELETON) this.parts = parts;
    const ieds: SclIed[] = [];
    for (const s of this.sections) {
      if (s.local !== 'IED') continue;
      const ied = this.sectionIed(s, parts.ctx, mask);
      if (ied) {
        ieds.push(ied);
        this.sectionOf.set(ied, s);
      }
      advance(s, 'ieds', ied?.name);
    }
    finalChecks(ieds, parts.hasTemplates, warnings);
    this.progress({ phase: 'done', fraction: 1 });
    return {
      fileName: this.fileName,
      edition: this.edition,
      header: parts.header,
      templates: parts.resolver.counts,
      ieds,
      subNetworks: parts.ctx.communication.subNetworks,
      warnings: [...this.rootWarnings.finish(), ...warnings.finish()],
    };
  }

  /** Header, templates and communication, with their warnings (and the resolver's) going to `warnings`. */
  private documentParts(warnings: Warnings, advance: (s: Section | undefined, phase: SclPhase) => void): DocumentParts {
    const one = (local: string) => this.sections.find((s) => s.local === local);
    const headerSection = one('Header');
    const header = readHeader(headerSection && this.parse(headerSection));
    if (headerSection) advance(headerSection, 'templates');
    const templatesSection = one('DataTypeTemplates');
    const resolver = new TemplateResolver(templatesSection && this.parse(templatesSection), warnings, this.limits);
    advance(templatesSection, 'templates');
    const commSection = one('Communication');
    const communication: CommunicationIndex = readCommunication(commSection && this.parse(commSection), warnings);
    advance(commSection, 'communication');
    const ctx: IedContext = { resolver, communication, warnings, limits: this.limits, edition2: (this.edition.version ?? '2003') >= '2007' };
    return { header, resolver, ctx, hasTemplates: templatesSection !== undefined };
  }

  /** A whole section as one tree. A section can still turn out foreign when it redeclares the default namespace itself; it is skipped. */
  private parse(s: Section): XmlElement | undefined {
    return parseElements(this.text.slice(s.start, s.end), this.src.scope, this.src.convert)[0];
  }

  /**
   * An IED without the cuts in `mask`. When a namespace is bound otherwise above the LNs than at the
   * root, LNs cannot be parsed apart from their ancestors, so such (rare) files are read whole.
   */
  private sectionIed(s: Section, ctx: IedContext, mask: number): SclIed | undefined {
    if (this.scan.scopeChangedAboveLns) {
      const el = this.parse(s);
      return el && buildIed(el, ctx);
    }
    return buildSectionIed(this.src, s, ctx, mask);
  }
}

interface DocumentParts {
  readonly header: SclHeader;
  readonly resolver: TemplateResolver;
  readonly ctx: IedContext;
  readonly hasTemplates: boolean;
}
