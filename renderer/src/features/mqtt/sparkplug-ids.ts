/**
 * What is wrong with a Sparkplug id typed in the MQTT settings (group id, primary host id), or null.
 * Each becomes one level of a topic (`spBv1.0/{group}/…`, `spBv1.0/STATE/{host}`), so the project
 * schema (core/contract/project.ts) refuses the same: empty, over 128 characters, `+`, `#`, `/` or NUL.
 */
export function sparkplugIdProblem(id: string, what: string): string | null {
  if (id.length === 0) return `${what} is empty`;
  if (id.length > 128) return `${what} has ${id.length} characters; at most 128`;
  const bad = [...id].find((c) => c === '+' || c === '#' || c === '/' || c === '\u0000');
  if (bad !== undefined) return `${what} is one MQTT topic level: '${bad === '\u0000' ? 'NUL' : bad}' is not allowed`;
  return null;
}
