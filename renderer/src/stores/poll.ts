import type { Backend } from '../api/backend';

/**
 * Calls `refresh` now and every periodMs while the connection is open (a closed one skips the tick);
 * returns the stop function. The stores that read the service on a timer share it.
 */
export function pollWhileOpen(backend: Backend, refresh: () => Promise<void>, periodMs: number): () => void {
  const tick = () => {
    if (backend.connection.get().state === 'open') void refresh();
  };
  tick();
  const timer = setInterval(tick, periodMs);
  return () => clearInterval(timer);
}
