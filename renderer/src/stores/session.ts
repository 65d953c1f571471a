import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Session } from '../../../core/contract';
import type { Backend } from '../api/backend';

export interface SessionState {
  /** From getSession on each connection; null until it answers. */
  session: Session | null;
  /** The server wants a login and this page has none yet. */
  loginRequired: boolean;
}

export interface SessionStore extends StoreApi<SessionState> {
  dispose(): void;
}

/** Who this page is to the service (viewer or operator) and what the host offers (file dialogs, encrypted secrets). */
export function createSessionStore(backend: Backend, initial: Promise<{ authRequired: boolean; role: string | null }>): SessionStore {
  const store = createStore<SessionState>(() => ({ session: null, loginRequired: false }));
  void initial.then((s) => store.setState({ loginRequired: s.authRequired && s.role === null }));
  const fetchSession = (): void => {
    backend.api.getSession({}).then(
      (session) => store.setState({ session, loginRequired: false }),
      () => undefined,
    );
  };
  const unsubscribe = backend.connection.subscribe((c) => {
    if (c.state === 'open') fetchSession();
  });
  if (backend.connection.get().state === 'open') fetchSession();
  return Object.assign(store, { dispose: unsubscribe });
}

/** Operators may change things; a viewer (or a page that does not know yet) may not. */
export const canOperate = (s: SessionState): boolean => s.session?.role === 'operator';
