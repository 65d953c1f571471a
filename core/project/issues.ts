import type { z } from 'zod';

/** One problem in a project file: where (a JSON path such as `points[12].modbus.address`) and what. */
export interface ProjectIssue {
  readonly path: string;
  readonly message: string;
}

/** `['points', 12, 'modbus', 'address']` → `points[12].modbus.address`; the root is `(root)`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      out += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return out || '(root)';
}

/** The value at a path of a parsed JSON document, or undefined. */
export function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = doc;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** A short, JSON-like rendering of a value for messages; long values are cut. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${shown(value)}`;
  return `${typeof value} ${shown(value)}`;
}

type Issue = z.core.$ZodIssue;

/** A zod issue as a sentence that says what was found and what is wanted. */
function describe(issue: Issue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined ? `is required (${issue.expected})` : `must be ${issue.expected}, got ${kindOf(found)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${String(issue.minimum)} entries`
        : issue.origin === 'string'
          ? `must not be shorter than ${String(issue.minimum)} characters`
          : `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}, got ${shown(found)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has more than ${String(issue.maximum)} entries`
        : issue.origin === 'string'
          ? `must not be longer than ${String(issue.maximum)} characters`
          : `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}, got ${shown(found)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => shown(v)).join(', ')}, got ${shown(found)}`;
    case 'invalid_format':
      return `${shown(found)} is not ${issue.message.replace(/^Invalid (string: )?/, '') || issue.format}`;
    case 'not_multiple_of':
      return `must be a whole number, got ${shown(found)}`;
    case 'unrecognized_keys':
      return `has unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `'${k}'`).join(', ')} (a typo?)`;
    case 'invalid_union':
      return `${shown(found)} is not valid: ${unionHint(issue)}`;
    default:
      return issue.message;
  }
}

/** The alternatives of a union, said by their first issue each (e.g. the SecretRef forms). */
function unionHint(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  const firsts = issue.errors.map((alt) => alt[0]?.message).filter((m): m is string => m !== undefined);
  const unique = [...new Set(firsts)];
  return unique.length > 0 ? unique.join('; or ') : issue.message;
}

const PLAINTEXT_SECRET =
  'a password is never stored in plain text: write {"env": "VARIABLE"} (headless) or set it in the desktop app, which stores it encrypted';

function special(issue: Issue, found: unknown): string | undefined {
  // A custom refinement (a regex's message) already says what is wanted.
  if (issue.code === 'invalid_format' && issue.format === 'regex') return `${shown(found)}: ${issue.message}`;
  if (issue.code === 'invalid_union' && issue.path[issue.path.length - 1] === 'password' && typeof found === 'string')
    return PLAINTEXT_SECRET;
  return undefined;
}

/** Every zod issue of a failed parse, as path + message, in document order. */
export function issuesFromZod(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): ProjectIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    // A custom refinement (regex message, custom check) already says what is wanted.
    const found = valueAt(input, issue.path);
    return { path: formatJsonPath(path), message: special(issue, found) ?? describe(issue, found) };
  });
}

/** Issues as lines, `path: message`, at most `max` of them with a count of the rest. */
export function formatIssues(issues: readonly ProjectIssue[], max = 20): string {
  const lines = issues.slice(0, max).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > max) lines.push(`… and ${issues.length - max} more`);
  return lines.join('\n');
}
