import { useStore } from 'zustand';
import { backend } from '../api';
import { createDiagnosticsStore, type DiagnosticsState } from './diagnostics';
import { createStatusStore, type StatusState } from './status';

export const statusStore = createStatusStore(backend);
export const diagnosticsStore = createDiagnosticsStore(backend);

export function useStatus<T>(selector: (state: StatusState) => T): T {
  return useStore(statusStore, selector);
}

export function useDiagnostics<T>(selector: (state: DiagnosticsState) => T): T {
  return useStore(diagnosticsStore, selector);
}
