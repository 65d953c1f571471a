/** Uptime as h:mm:ss, with days in front past 24 h: `0:00:07`, `5:03:09`, `2 d 01:00:00`. */
export function formatUptime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = `${days > 0 ? pad(h) : h}:${pad(m)}:${pad(s)}`;
  return days > 0 ? `${days} d ${clock}` : clock;
}

/** A log timestamp as local wall-clock time with milliseconds, `14:03:07.125`; the input if unparsable. */
export function formatLogTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

/** Local date and time, `2026-01-02 14:03:07`, unambiguous in every locale; the input if unparsable. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `1.5 MB`, `812 kB`, `96 B`. */
export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${Math.round(n / 1000)} kB`;
  return `${n} B`;
}

/** A point value as shown: numbers to at most 4 decimals, booleans and names as they are, unknown as —. */
export function formatValue(value: number | string | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
  return String(value);
}

/** An ISO time as `2026-01-02 14:03:07.125` (local), or — when there is none. */
export function formatTimestamp(iso: string | null): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDateTime(iso)}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** Seconds since a moment, `0.4 s`, `12 s`, `3 min`, `2 h`; — when there is none. */
export function formatAge(sinceMs: number | null, nowMs: number): string {
  if (sinceMs === null) return '—';
  const s = Math.max(0, (nowMs - sinceMs) / 1000);
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/** `1 IED`, `2 IEDs`: a count with its noun, plural when it is not 1. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

const ANALOG_TYPES: ReadonlySet<string> = new Set(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'float32', 'float64']);

/** The integer and floating-point types: the ones with a deadband and a trend (as core/iec61850 isAnalogType). */
export function isAnalogType(type: string): boolean {
  return ANALOG_TYPES.has(type);
}

/** The words of a filter box, lower case; a row matches when its text holds every one (`hasEveryWord`). */
export function filterWords(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter(Boolean);
}

export function hasEveryWord(text: string, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const lower = text.toLowerCase();
  return words.every((w) => lower.includes(w));
}
