import { useStore } from 'zustand';
import { backend } from '../../api';
import { createWizardStore, type WizardState } from './wizard-store';

export const wizardStore = createWizardStore(backend);

export function useWizard<T>(selector: (s: WizardState) => T): T {
  return useStore(wizardStore, selector);
}
