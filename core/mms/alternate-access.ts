import {
  Asn1Error,
  TagClass,
  decodeNull,
  decodeUnsigned,
  decodeVisibleString,
  formatTag,
  BerWriter,
  type BerReader,
  type Tlv,
} from '../asn1';
import { componentOf, type MmsTypeSpec } from './type-spec';

const C = TagClass.context;
const U = TagClass.universal;

/**
 * One step into a variable: an array element, a run of elements, every element, or a named component
 * of a structure.
 */
export type AccessStep =
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'range'; readonly low: number; readonly count: number }
  | { readonly kind: 'all' }
  | { readonly kind: 'component'; readonly name: string };

/**
 * An alternate access as the path of steps it takes, outermost first: `phsAHar(9).cVal.mag` is
 * `[index 9, component cVal, component mag]`. IEC 61850-8-1 uses only this linear form (an array index,
 * then the components inside the element); ISO 9506 also allows several selections per level and
 * named selections, which are refused when decoded. An empty path means no alternate access.
 */
export type AlternateAccess = readonly AccessStep[];

/** Steps accepted in one alternate access; IEC 61850 needs one index plus a handful of components. */
export const MAX_ACCESS_STEPS = 16;

/*
 *   AlternateAccess ::= SEQUENCE OF CHOICE {
 *     unnamed AlternateAccessSelection,
 *     named   [5] IMPLICIT SEQUENCE { componentName [0] IMPLICIT Identifier, access AlternateAccessSelection } }
 *
 *   AlternateAccessSelection ::= CHOICE {
 *     selectAlternateAccess [0] IMPLICIT SEQUENCE {
 *       accessSelection CHOICE {
 *         component   [0] IMPLICIT Identifier,
 *         index       [1] IMPLICIT Unsigned32,
 *         indexRange  [2] IMPLICIT SEQUENCE { lowIndex [0] IMPLICIT Unsigned32, numberOfElements [1] IMPLICIT Unsigned32 },
 *         allElements [3] IMPLICIT NULL },
 *       alternateAccess AlternateAccess },
 *     selectAccess CHOICE {
 *       component   [1] IMPLICIT Identifier,
 *       index       [2] IMPLICIT Unsigned32,
 *       indexRange  [3] IMPLICIT SEQUENCE { lowIndex [0] IMPLICIT Unsigned32, numberOfElements [1] IMPLICIT Unsigned32 },
 *       allElements [4] IMPLICIT NULL } }
 *
 * A path of n steps is n-1 nested selectAlternateAccess (each step followed by the SEQUENCE OF holding
 * the rest) ending in one selectAccess. The tag of a step is `base + 0..3` in the CHOICE order above:
 * base 0 inside selectAlternateAccess, base 1 for selectAccess.
 */

const COMPONENT = 0;
const INDEX = 1;
const RANGE = 2;
const ALL = 3;

function writeStep(w: BerWriter, step: AccessStep, base: number): void {
  switch (step.kind) {
    case 'component':
      w.latin1String(C, base + COMPONENT, step.name);
      return;
    case 'index':
      w.unsigned(C, base + INDEX, step.index);
      return;
    case 'range':
      // lowIndex [0], numberOfElements [1]
      w.begin(C, base + RANGE)
        .unsigned(C, 0, step.low)
        .unsigned(C, 1, step.count)
        .end();
      return;
    case 'all':
      w.null(C, base + ALL);
      return;
  }
}

/** The contents of an AlternateAccess (its items), without the tag around them. */
function writeSteps(w: BerWriter, steps: AlternateAccess): void {
  const last = steps.length - 1;
  for (let i = 0; i < last; i++) {
    w.begin(C, 0); // selectAlternateAccess [0]
    writeStep(w, steps[i] as AccessStep, 0);
    w.begin(U, 16); // alternateAccess: the SEQUENCE OF with the rest of the path
  }
  const final = steps[last];
  if (final) writeStep(w, final, 1); // selectAccess
  for (let i = 0; i < last; i++) w.end().end();
}

/** `alternateAccess [tag] IMPLICIT AlternateAccess` (tag 5 in a variable list); nothing for an empty path. */
export function writeAlternateAccess(w: BerWriter, steps: AlternateAccess, tag = 5): void {
  if (steps.length === 0) return;
  if (steps.length > MAX_ACCESS_STEPS)
    throw new Asn1Error(
      'too-deep',
      `an alternate access of ${steps.length} steps (at most ${MAX_ACCESS_STEPS})`,
    );
  w.begin(C, tag);
  writeSteps(w, steps);
  w.end();
}

/** Encoded size of `alternateAccess [5]` for a path (0 for none), for PDU size planning. */
export function alternateAccessSize(steps: AlternateAccess): number {
  if (steps.length === 0) return 0;
  const w = new BerWriter(64);
  writeAlternateAccess(w, steps);
  return w.finish().length;
}

function decodeStep(reader: BerReader, tlv: Tlv, base: number): AccessStep | undefined {
  if (tlv.cls !== C) return undefined;
  switch (tlv.tag - base) {
    case COMPONENT:
      return { kind: 'component', name: decodeVisibleString(reader, tlv) };
    case INDEX:
      return { kind: 'index', index: decodeUnsigned(reader, tlv) };
    case RANGE: {
      const seq = reader.children(tlv, 'indexRange');
      const low = decodeUnsigned(seq, seq.expect(C, 0, 'lowIndex'));
      const count = decodeUnsigned(seq, seq.expect(C, 1, 'numberOfElements'));
      seq.end('indexRange');
      return { kind: 'range', low, count };
    }
    case ALL:
      decodeNull(reader, tlv);
      return { kind: 'all' };
    default:
      return undefined;
  }
}

/** The one selection of a level; several selections or a named one are not IEC 61850's linear form. */
function onlySelection(items: BerReader): Tlv {
  const item = items.next('an AlternateAccessSelection');
  if (items.hasMore()) {
    throw new Asn1Error(
      'bad-value',
      'an AlternateAccess with more than one selection at a level is not supported (IEC 61850 uses one)',
      items.offset,
    );
  }
  if (item.cls === C && item.tag === 5 && item.constructed) {
    throw new Asn1Error('bad-value', 'a named AlternateAccess selection [5] is not supported', item.start);
  }
  return item;
}

function unexpected(tlv: Tlv, what: string): never {
  throw new Asn1Error('unexpected-tag', `expected ${what}, found ${formatTag(tlv.cls, tlv.tag)}`, tlv.start);
}

/**
 * Decodes `alternateAccess [5] IMPLICIT AlternateAccess` (the element `tlv`) into its path. Walks the
 * nesting in a loop, at most MAX_ACCESS_STEPS levels, so a hostile nesting fails with `too-deep`.
 */
export function decodeAlternateAccess(reader: BerReader, tlv: Tlv): AccessStep[] {
  const steps: AccessStep[] = [];
  let items = reader.children(tlv, 'alternateAccess');
  for (;;) {
    if (steps.length >= MAX_ACCESS_STEPS) {
      throw new Asn1Error(
        'too-deep',
        `an alternate access deeper than ${MAX_ACCESS_STEPS} steps`,
        items.offset,
      );
    }
    const item = onlySelection(items);
    if (item.cls === C && item.tag === 0 && item.constructed) {
      // selectAlternateAccess [0]: a step, then the AlternateAccess holding the rest of the path.
      const seq = items.children(item, 'selectAlternateAccess');
      const head = seq.next('an accessSelection');
      const step = decodeStep(seq, head, 0);
      if (!step)
        unexpected(head, 'an accessSelection ([0] component, [1] index, [2] indexRange or [3] allElements)');
      steps.push(step);
      const rest = seq.expect(U, 16, 'alternateAccess');
      seq.end('selectAlternateAccess');
      items = seq.children(rest, 'alternateAccess');
      continue;
    }
    const step = decodeStep(items, item, 1);
    if (!step)
      unexpected(item, 'an AlternateAccessSelection ([0] selectAlternateAccess or [1]..[4] selectAccess)');
    steps.push(step);
    return steps;
  }
}

/** The 7-2 style text of a path: `(9).cVal.mag`, `(2..4)` for a range, `(*)` for all elements. */
export function formatAlternateAccess(steps: AlternateAccess): string {
  return steps
    .map((s) => {
      switch (s.kind) {
        case 'index':
          return `(${s.index})`;
        case 'range':
          return `(${s.low}..${s.low + s.count - 1})`;
        case 'all':
          return '(*)';
        case 'component':
          return `.${s.name}`;
      }
    })
    .join('');
}

/**
 * The type an alternate access selects inside a variable of type `spec`: the element type for an
 * index, the component's type for a component, an array of `count` (or all) elements for a range or
 * all. Undefined when the path does not fit the type (an index into a structure, an unknown component).
 */
export function selectType(spec: MmsTypeSpec, steps: AlternateAccess): MmsTypeSpec | undefined {
  let at: MmsTypeSpec | undefined = spec;
  for (const step of steps) {
    if (!at) return undefined;
    if (step.kind === 'component') {
      at = componentOf(at, step.name);
    } else if (at.type !== 'array') {
      return undefined;
    } else if (step.kind === 'index') {
      at = step.index < at.elementCount ? at.element : undefined;
    } else if (step.kind === 'range') {
      at = step.low + step.count <= at.elementCount ? { ...at, elementCount: step.count } : undefined;
    }
  }
  return at;
}
