import { useSyncExternalStore } from 'react';
import { sectionFromHash, type SectionId } from './sections';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The section named by the URL hash; follows back/forward and link clicks. */
export function useSection(): SectionId {
  return useSyncExternalStore(subscribe, () => sectionFromHash(window.location.hash));
}
