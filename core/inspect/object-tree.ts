import { toHex } from '../shared';

/**
 * One node of a decoded PDU as the Diagnostics view shows it: a label, a value when it is a leaf, the
 * octets it covers in the captured bytes when known, and whether the view starts with it collapsed.
 * JSON-safe (core/contract's DecodedNodeSchema has the same shape).
 */
export interface DecodedNode {
  label: string;
  value?: string;
  /** Offset and length in the bytes the hex dump shows, when the node is one contiguous span. */
  offset?: number;
  length?: number;
  collapsed?: boolean;
  children?: DecodedNode[];
}

/** Bounds on a tree made from a decoded value, so a large PDU cannot produce an unbounded answer. */
export interface TreeBudget {
  /** Nodes left to make; when it runs out, the rest is one "… more" leaf per list. */
  nodes: number;
}

const MAX_TREE_DEPTH = 24;
/** Octet strings longer than this show their first octets and the length. */
const MAX_HEX_SHOWN = 32;
const MAX_TEXT = 200;

/**
 * A decoded value (what the project's codecs return: plain objects, arrays, strings, numbers, bigints,
 * booleans and Uint8Arrays) as a tree. An object that says what it is (`kind`, `service`, `type`) shows
 * that as its value, so a collapsed node still reads `request: read`.
 */
export function objectTree(label: string, value: unknown, budget: TreeBudget, depth = 0): DecodedNode {
  budget.nodes--;
  if (value instanceof Uint8Array) return { label, value: octets(value) };
  if (value === null || value === undefined) return { label, value: String(value) };
  if (typeof value !== 'object') return { label, value: leafText(value) };
  if (depth >= MAX_TREE_DEPTH) return { label, value: '… (nested too deep to show)' };
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const children: DecodedNode[] = [];
  for (const [i, [key, v]] of entries.entries()) {
    if (budget.nodes <= 0) {
      children.push({ label: '…', value: `${entries.length - i} more not shown` });
      break;
    }
    children.push(objectTree(key, v, budget, depth + 1));
  }
  const node: DecodedNode = { label, children };
  const what = Array.isArray(value) ? `${value.length} item${value.length === 1 ? '' : 's'}` : describes(value as Record<string, unknown>);
  if (what) node.value = what;
  return node;
}

function describes(o: Record<string, unknown>): string | undefined {
  for (const key of ['kind', 'service', 'type']) if (typeof o[key] === 'string') return o[key];
  return undefined;
}

function leafText(v: unknown): string {
  const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** `4 octets: 01 02 03 04`, long ones cut after MAX_HEX_SHOWN octets. */
function octets(bytes: Uint8Array): string {
  const shown = toHex(bytes.subarray(0, MAX_HEX_SHOWN), ' ');
  const more = bytes.length > MAX_HEX_SHOWN ? ' …' : '';
  return `${bytes.length} octet${bytes.length === 1 ? '' : 's'}${bytes.length ? `: ${shown}${more}` : ''}`;
}
