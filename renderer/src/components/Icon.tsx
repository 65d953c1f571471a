import type { SectionId } from '../sections';

/** 16-px line icons for the navigation; decorative, so hidden from assistive technology. */
const PATHS: Record<SectionId, string> = {
  start: 'M2.5 7.5 8 3l5.5 4.5V13a.5.5 0 0 1-.5.5H9.5V10h-3v3.5H3a.5.5 0 0 1-.5-.5z',
  ieds: 'M3 2.5h10v11H3zM5.5 5h5M5.5 7.5h5M5.5 11h1M9.5 11h1',
  points: 'M2.5 4h1M2.5 8h1M2.5 12h1M6 4h7.5M6 8h7.5M6 12h7.5',
  runtime: 'M1.5 8.5h3l1.5-4 3 8 1.5-4h4',
  trends: 'M2 2.5v11h12M4.5 10.5l3-4 2.5 2 4-5',
  modbus: 'M2.5 2.5h4.5v4.5H2.5zM9 2.5h4.5v4.5H9zM2.5 9h4.5v4.5H2.5zM9 9h4.5v4.5H9z',
  mqtt: 'M3.5 12.5h.01M3 8.5a4.5 4.5 0 0 1 4.5 4.5M3 4a9 9 0 0 1 9 9',
  diagnostics: 'M4 1.5h6l2.5 2.5v10.5H4zM6 6.5h4.5M6 9h4.5M6 11.5h3',
};

export function Icon({ name }: { name: SectionId }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** The RelayGate mark, the same drawing as assets/icon.svg at small size. */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="60" height="60" rx="13" fill="#1d4f7a" />
      <path d="M8 32h6" stroke="#ffffff" strokeWidth="4" strokeLinecap="round" />
      <path
        d="M14 20h11l8 12-8 12H14z"
        fill="#ffffff"
        stroke="#ffffff"
        strokeWidth="3"
        strokeLinejoin="round"
      />
      <path d="M40 21h14M40 32h14M40 43h14" stroke="#7cc4ff" strokeWidth="4.5" strokeLinecap="round" />
    </svg>
  );
}
