/** The sections of the app frame, in navigation order. `start` is the home page, not in the nav list. */
export const SECTIONS = [
  { id: 'ieds', label: 'IEDs', title: 'IEDs' },
  { id: 'points', label: 'Points', title: 'Points' },
  { id: 'runtime', label: 'Runtime', title: 'Runtime' },
  { id: 'trends', label: 'Trends', title: 'Trends' },
  { id: 'modbus', label: 'Modbus', title: 'Modbus TCP server' },
  { id: 'mqtt', label: 'MQTT', title: 'MQTT publisher' },
  { id: 'diagnostics', label: 'Diagnostics', title: 'Diagnostics' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'] | 'start';

const IDS = new Set<string>(SECTIONS.map((s) => s.id));

/** `#/modbus` → `modbus`; anything unknown → `start`. Hash routes work both from files and over HTTP. */
export function sectionFromHash(hash: string): SectionId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return IDS.has(id) ? (id as SectionId) : 'start';
}

/** `#/ieds/add` → `add`: what follows the section in the hash; '' when nothing does. */
export function subRouteFromHash(hash: string): string {
  return hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/').slice(1).join('/') ?? '';
}

export function hrefOf(id: SectionId): string {
  return id === 'start' ? '#/' : `#/${id}`;
}
