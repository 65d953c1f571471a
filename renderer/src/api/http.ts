import type { Role } from '../../../core/contract';

/**
 * The HTTP side of `relaygate serve` (core/service/http-routes.ts): login, logout, the session, and
 * uploads of SCL files with progress. Same origin as the page; the session is an HttpOnly cookie the
 * page never sees.
 */

export interface HttpSession {
  authRequired: boolean;
  /** null: not logged in. */
  role: Role | null;
}

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

export async function fetchSession(): Promise<HttpSession> {
  return json<HttpSession>(await fetch('auth/session', { credentials: 'same-origin', cache: 'no-store' }));
}

export async function login(password: string): Promise<HttpSession> {
  return json<HttpSession>(
    await fetch('auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password }),
    }),
  );
}

export async function logout(): Promise<void> {
  await fetch('auth/logout', { method: 'POST', credentials: 'same-origin' });
}

export interface Upload {
  /** Resolves with the server's path of the uploaded file. */
  done: Promise<{ path: string; bytes: number; name: string }>;
  cancel(): void;
}

/** Sends a file to the server with progress (XMLHttpRequest: fetch has no upload progress). */
export function uploadFile(file: File, onProgress: (sent: number, total: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ path: string; bytes: number; name: string }>((resolve, reject) => {
    xhr.open('POST', `api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as { path?: string; bytes?: number; name?: string; error?: string };
      if (xhr.status === 200 && body.path) resolve({ path: body.path, bytes: body.bytes ?? file.size, name: body.name ?? file.name });
      else reject(new Error(body.error ?? `the upload failed (HTTP ${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('the upload failed: the connection to the server was lost'));
    xhr.onabort = () => reject(new Error('the upload was cancelled'));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}
