import { useSyncExternalStore } from 'react';
import { sectionFromHash, subRouteFromHash, type SectionId } from './sections';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The section named by the URL hash; follows back/forward and link clicks. */
export function useSection(): SectionId {
  return useSyncExternalStore(subscribe, () => sectionFromHash(window.location.hash));
}

/** What follows the section in the hash (`add` in `#/ieds/add`). */
export function useSubRoute(): string {
  return useSyncExternalStore(subscribe, () => subRouteFromHash(window.location.hash));
}
