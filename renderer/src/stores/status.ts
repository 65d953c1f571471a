import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Status } from '../../../core/contract';
import type { Backend, ConnectionInfo } from '../api/backend';
import { errorText } from '../error-text';

export interface StatusState {
  /** The latest status from getStatus or a statusChanged event; null until the first arrives. */
  status: Status | null;
  connection: ConnectionInfo;
  /** Why the last getStatus failed; null once a status arrives. */
  error: string | null;
}

export interface StatusStore extends StoreApi<StatusState> {
  dispose(): void;
}

/**
 * Status of the gateway and of the link to it. Asks getStatus on every (re)connection, then follows
 * statusChanged, which the service pushes on every change and as a once-a-second heartbeat.
 */
export function createStatusStore(backend: Backend): StatusStore {
  const store = createStore<StatusState>(() => ({
    status: null,
    connection: backend.connection.get(),
    error: null,
  }));
  const fetchStatus = () => {
    backend.api.getStatus({}).then(
      (status) => store.setState({ status, error: null }),
      (err: unknown) => store.setState({ error: errorText(err) }),
    );
  };
  const unsubscribers = [
    backend.api.on('statusChanged', (status) => store.setState({ status, error: null })),
    backend.connection.subscribe((connection) => {
      const wasOpen = store.getState().connection.state === 'open';
      store.setState({ connection });
      if (connection.state === 'open' && !wasOpen) fetchStatus();
    }),
  ];
  if (backend.connection.get().state === 'open') fetchStatus();
  return Object.assign(store, {
    dispose: () => unsubscribers.forEach((unsubscribe) => unsubscribe()),
  });
}
