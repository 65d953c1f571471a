import { RelayGateError } from '../shared';
import { isFc, type Fc } from './fc';

/**
 * An IEC 61850-7-2 object reference, `LDname/LNname.DO[.SDO].DA[.BDA]`, with an optional functional
 * constraint written in brackets after it: `IED1LD0/Q0XCBR1.Pos.stVal[ST]`.
 */
export interface ObjectReference {
  /** Logical device name as the server exposes it (MMS domain). */
  readonly ld: string;
  /** Logical node name: prefix + lnClass + inst, e.g. `LLN0` or `Q0XCBR1`. */
  readonly ln: string;
  /**
   * The names below the LN, outermost first: DO, SDOs, DA, BDAs. Empty for the LN itself. An element
   * of an array carries its index in parentheses, e.g. `harm(3)` (IEC 61850-7-2 array notation).
   */
  readonly path: readonly string[];
  readonly fc?: Fc;
}

/** MMS form of a reference (IEC 61850-8-1 §8.1.3): domain `LDname`, item `LNname$FC$DO$DA`. */
export interface MmsName {
  readonly domain: string;
  readonly item: string;
}

/** An MMS variable plus, for an array element, the index and the components below it (alternate access). */
export interface MmsAddress extends MmsName {
  readonly arrayIndex?: number;
  /** Components after the indexed element, addressed inside the element by alternate access. */
  readonly subPath?: readonly string[];
}

/** MMS identifiers (ISO 9506) are at most 64 characters of letters, digits and `_` in 61850 names. */
const MAX_NAME = 64;
const NAME = /^[A-Za-z0-9_]+$/;
const ELEMENT = /^([A-Za-z0-9_]+)(?:\((\d{1,9})\))?$/;

function fail(code: string, message: string): never {
  throw new RelayGateError('iec61850', code, message);
}

function checkName(kind: string, name: string, text: string): void {
  if (name.length === 0) fail('bad-reference', `empty ${kind} name in '${text}'`);
  if (name.length > MAX_NAME)
    fail('bad-reference', `${kind} name longer than ${MAX_NAME} characters in '${text}'`);
  if (!NAME.test(name))
    fail('bad-reference', `${kind} name '${name}' has a character outside A-Z a-z 0-9 _ in '${text}'`);
}

/** Splits a path element into its name and optional array index: `harm(3)` → {name: 'harm', index: 3}. */
export function splitElement(element: string): { name: string; index?: number } {
  const m = ELEMENT.exec(element);
  if (!m || m[1] === undefined) fail('bad-reference', `bad element '${element}'`);
  if (m[1].length > MAX_NAME) fail('bad-reference', `name longer than ${MAX_NAME} characters: '${element}'`);
  return m[2] === undefined ? { name: m[1] } : { name: m[1], index: Number(m[2]) };
}

/** Parses `LD/LN[.DO[.DA…]][[FC]]`; throws RelayGateError iec61850/bad-reference with the reason. */
export function parseObjectReference(text: string): ObjectReference {
  let body = text;
  let fc: Fc | undefined;
  const open = text.lastIndexOf('[');
  if (open >= 0) {
    if (!text.endsWith(']')) fail('bad-reference', `'[' without a closing ']' in '${text}'`);
    const code = text.slice(open + 1, -1);
    if (!isFc(code)) fail('bad-reference', `unknown functional constraint '${code}' in '${text}'`);
    fc = code;
    body = text.slice(0, open);
  }
  const slash = body.indexOf('/');
  if (slash < 0) fail('bad-reference', `missing '/' between LD and LN in '${text}'`);
  const ld = body.slice(0, slash);
  checkName('LD', ld, text);
  const [ln = '', ...path] = body.slice(slash + 1).split('.');
  checkName('LN', ln, text);
  for (const element of path) {
    if (element.length === 0) fail('bad-reference', `empty name after '.' in '${text}'`);
    const m = ELEMENT.exec(element);
    if (!m) fail('bad-reference', `bad name '${element}' in '${text}'`);
    if ((m[1] ?? '').length > MAX_NAME)
      fail('bad-reference', `name longer than ${MAX_NAME} characters in '${text}'`);
  }
  return fc === undefined ? { ld, ln, path } : { ld, ln, path, fc };
}

/** Formats a reference; the FC is appended in brackets unless `withFc` is false or there is none. */
export function formatObjectReference(ref: ObjectReference, withFc = true): string {
  const names = [ref.ln, ...ref.path].join('.');
  const fc = withFc && ref.fc !== undefined ? `[${ref.fc}]` : '';
  return `${ref.ld}/${names}${fc}`;
}

/**
 * The MMS variable of a reference. An LN alone maps to item `LNname`; anything below the LN needs the
 * FC, because MMS groups an LN's data by FC first (`LNname$FC$DO$DA`). Array elements are not part of
 * an MMS name: the item stops at the array and the index and the rest go to alternate access.
 */
export function toMmsAddress(ref: ObjectReference): MmsAddress {
  if (ref.path.length > 0 && ref.fc === undefined) {
    fail('no-fc', `'${formatObjectReference(ref)}' needs a functional constraint to form an MMS name`);
  }
  const parts: string[] = [ref.ln];
  if (ref.fc !== undefined) parts.push(ref.fc);
  for (let i = 0; i < ref.path.length; i++) {
    const { name, index } = splitElement(ref.path[i] ?? '');
    parts.push(name);
    if (index !== undefined) {
      const subPath = ref.path.slice(i + 1);
      if (subPath.some((e) => splitElement(e).index !== undefined)) {
        fail(
          'nested-array',
          `'${formatObjectReference(ref)}' indexes more than one array; MMS names address one`,
        );
      }
      return { domain: ref.ld, item: parts.join('$'), arrayIndex: index, subPath };
    }
  }
  return { domain: ref.ld, item: parts.join('$') };
}

/** The MMS name of a reference without array elements; throws iec61850/array-element otherwise. */
export function toMmsName(ref: ObjectReference): MmsName {
  const address = toMmsAddress(ref);
  if (address.arrayIndex !== undefined) {
    const array = formatObjectReference(fromMmsName(address.domain, address.item));
    fail(
      'array-element',
      `'${formatObjectReference(ref)}' is an array element, which an MMS name cannot address; read the whole array '${array}'`,
    );
  }
  return { domain: address.domain, item: address.item };
}

/**
 * The reference named by an MMS domain and item. `LNname$FC$DO$DA` → `LD/LNname.DO.DA[FC]`. The second
 * component of an item is always the FC; items with no FC (`LNname`) name the whole LN.
 */
export function fromMmsName(domain: string, item: string): ObjectReference {
  const text = `${domain}/${item}`;
  checkName('LD', domain, text);
  const [ln = '', fc, ...path] = item.split('$');
  checkName('LN', ln, text);
  if (fc === undefined) return { ld: domain, ln, path: [] };
  if (!isFc(fc)) fail('bad-reference', `'${fc}' in MMS item '${item}' is not a functional constraint`);
  for (const name of path) checkName('data', name, text);
  return { ld: domain, ln, path, fc };
}

/**
 * The reference of an MMS address: the variable's reference with the array index on its last element
 * and the components inside the element after it, `LD/MHAI1.HA.phsAHar(9).cVal[MX]`.
 */
export function fromMmsAddress(address: MmsAddress): ObjectReference {
  const ref = fromMmsName(address.domain, address.item);
  const text = `${address.domain}/${address.item}`;
  if (ref.fc === undefined && (address.arrayIndex !== undefined || address.subPath?.length))
    fail('bad-reference', `'${text}' names a whole LN, which has no array elements or components`);
  const path = [...ref.path];
  if (address.arrayIndex !== undefined) {
    const last = path.pop();
    if (last === undefined) fail('bad-reference', `'${text}' names no data to index`);
    path.push(`${last}(${address.arrayIndex})`);
  }
  for (const name of address.subPath ?? []) {
    checkName('data', name, text);
    path.push(name);
  }
  return { ...ref, path };
}

/** LN name from its SCL parts (IEC 61850-7-2 §22): prefix + lnClass + inst, e.g. `Q0` `XCBR` `1`. */
export function composeLnName(prefix: string, lnClass: string, inst: string): string {
  return `${prefix}${lnClass}${inst}`;
}
