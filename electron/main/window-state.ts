import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../core/runtime';

/** Where and how big the window was when it last moved, resized or closed. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_SIZE = { width: 900, height: 560 } as const;

/** How much of the title bar must lie on a display for the saved position to be used. */
const MIN_VISIBLE = 100;

const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000 ? v : undefined);

/**
 * The saved state made safe to use: sizes at least the window's minimum and at most the largest
 * display, and a position only when the window's top strip would be on a display now (a monitor
 * unplugged since, or a file edited by hand, must not leave the window off screen). Anything unreadable
 * gives the default.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_WINDOW };
  const s = saved as Record<string, unknown>;
  const maxWidth = Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height));
  const width = Math.min(maxWidth, Math.max(MIN_SIZE.width, int(s.width) ?? DEFAULT_WINDOW.width));
  const height = Math.min(maxHeight, Math.max(MIN_SIZE.height, int(s.height) ?? DEFAULT_WINDOW.height));
  const state: WindowState = { width, height, maximized: s.maximized === true };
  const x = int(s.x);
  const y = int(s.y);
  if (x !== undefined && y !== undefined && workAreas.some((a) => titleBarVisible({ x, y, width }, a))) {
    state.x = x;
    state.y = y;
  }
  return state;
}

function titleBarVisible(w: { x: number; y: number; width: number }, a: Rect): boolean {
  const overlap = Math.min(w.x + w.width, a.x + a.width) - Math.max(w.x, a.x);
  return overlap >= MIN_VISIBLE && w.y >= a.y && w.y < a.y + a.height - 40;
}

/** The state to save: the normal (unmaximised) bounds, so un-maximising later restores them. */
export function captureWindowState(normalBounds: Rect, maximized: boolean): WindowState {
  return { x: normalBounds.x, y: normalBounds.y, width: normalBounds.width, height: normalBounds.height, maximized };
}

/** Reads the state file; null when it is missing or not JSON (the caller then uses the default). */
export async function readWindowState(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/**
 * Writes the state atomically (the project files' writeFileAtomic: a temporary file of its own beside
 * it, then a rename), so a crash mid-write, or a close save overlapping a debounced one, leaves the old
 * file or the new one, never half of one.
 */
export async function writeWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}

/** The parts of a BrowserWindow the tracker uses (a fake in tests). */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rect;
  isMaximized(): boolean;
}

/**
 * Saves the window's state after it stops moving or resizing (debounced), and at once when it closes.
 * Failures to write are reported, never thrown: a read-only profile must not stop the app.
 */
export function trackWindowState(window: TrackedWindow, save: (state: WindowState) => Promise<void>, onError: (err: unknown) => void, debounceMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const saveNow = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    save(captureWindowState(window.getNormalBounds(), window.isMaximized())).catch(onError);
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', saveNow);
  return () => {
    if (timer) clearTimeout(timer);
  };
}
