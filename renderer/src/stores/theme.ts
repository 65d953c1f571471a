import { createStore, type StoreApi } from 'zustand/vanilla';

export type Theme = 'light' | 'dark';
const KEY = 'relaygate.theme';

export interface ThemeState {
  theme: Theme;
  toggle(): void;
}

/** Light or dark, remembered, starting from the system's preference; applied as `data-theme` on <html>. */
export function createThemeStore(root: HTMLElement, storage: Storage | null, prefersDark: boolean): StoreApi<ThemeState> {
  const saved = storage?.getItem(KEY);
  const initial: Theme = saved === 'dark' || saved === 'light' ? saved : prefersDark ? 'dark' : 'light';
  root.dataset.theme = initial;
  return createStore<ThemeState>((set, get) => ({
    theme: initial,
    toggle: () => {
      const theme: Theme = get().theme === 'dark' ? 'light' : 'dark';
      root.dataset.theme = theme;
      storage?.setItem(KEY, theme);
      set({ theme });
    },
  }));
}
