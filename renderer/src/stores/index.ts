import { useStore } from 'zustand';
import { backend, initialSession } from '../api';
import { createDiagnosticsStore, type DiagnosticsState } from './diagnostics';
import { createLiveStore, type LiveState } from './live';
import { createProjectStore, type ProjectState } from './project';
import { createSessionStore, type SessionState } from './session';
import { createStatusStore, type StatusState } from './status';
import { createThemeStore, type ThemeState } from './theme';
import { createTrafficStore, type TrafficState } from './traffic';
import { createTrendsStore, type TrendsState } from './trends';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

export const statusStore = createStatusStore(backend);
export const diagnosticsStore = createDiagnosticsStore(backend);
export const trafficStore = createTrafficStore(backend);
export const trendsStore = createTrendsStore(backend);
export const liveStore = createLiveStore(backend, { defer: (notify) => requestAnimationFrame(notify) });
export const projectStore = createProjectStore(backend, storage);
export const sessionStore = createSessionStore(backend, initialSession);
export const themeStore = createThemeStore(document.documentElement, storage, window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);

export function useStatus<T>(selector: (state: StatusState) => T): T {
  return useStore(statusStore, selector);
}

export function useDiagnostics<T>(selector: (state: DiagnosticsState) => T): T {
  return useStore(diagnosticsStore, selector);
}

export function useLive<T>(selector: (state: LiveState) => T): T {
  return useStore(liveStore, selector);
}

export function useProject<T>(selector: (state: ProjectState) => T): T {
  return useStore(projectStore, selector);
}

export function useSession<T>(selector: (state: SessionState) => T): T {
  return useStore(sessionStore, selector);
}

export function useTheme<T>(selector: (state: ThemeState) => T): T {
  return useStore(themeStore, selector);
}

export function useTraffic<T>(selector: (state: TrafficState) => T): T {
  return useStore(trafficStore, selector);
}

export function useTrends<T>(selector: (state: TrendsState) => T): T {
  return useStore(trendsStore, selector);
}
