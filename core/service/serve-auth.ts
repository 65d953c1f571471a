import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Role } from '../contract';

/** Name of the session cookie `relaygate serve` sets after a login. */
export const SESSION_COOKIE = 'relaygate_session';

export interface ServeAuthOptions {
  /** Operators may start, stop and edit. */
  readonly operatorPassword?: string;
  /** Viewers see everything but change nothing. */
  readonly viewerPassword?: string;
  /** A session unused for this long ends (default 12 h). */
  readonly idleMs?: number;
  /** The cookie is sent over HTTPS only. */
  readonly secureCookie?: boolean;
  readonly now?: () => number;
}

interface Session {
  readonly role: Role;
  lastSeen: number;
}

const MAX_SESSIONS = 1000;
/** Failed logins a client address may make per minute before it is told to wait. */
const MAX_FAILURES_PER_MINUTE = 10;

/**
 * The addresses `relaygate serve` may use without a password: 127.0.0.1, ::1 and localhost. Anything
 * else, other 127.x addresses included (a port forward or a container can expose them), needs one.
 */
export function isLoopback(host: string): boolean {
  return ['127.0.0.1', '::1', '[::1]', 'localhost'].includes(host);
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Logins and sessions of `relaygate serve`. A password (or a long random token used as one) set at
 * start gives a role; the session is a random id in an HttpOnly, SameSite=Strict cookie, kept in memory
 * only (a restart logs everyone out). Without any password set, nobody is asked and everyone is an
 * operator: the CLI allows that on loopback addresses only.
 */
export class ServeAuth {
  private readonly sessions = new Map<string, Session>();
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly idleMs: number;

  constructor(private readonly options: ServeAuthOptions = {}) {
    this.now = options.now ?? Date.now;
    this.idleMs = options.idleMs ?? 12 * 3600_000;
    if (options.viewerPassword !== undefined && options.operatorPassword === undefined)
      throw new Error('a viewer password needs an operator password too: otherwise nobody could start or change anything');
    if (options.viewerPassword !== undefined && options.viewerPassword === options.operatorPassword)
      throw new Error('the viewer and operator passwords are the same: a viewer would be an operator');
  }

  /** True when a client must log in. */
  get required(): boolean {
    return this.options.operatorPassword !== undefined;
  }

  /** The role a password gives, compared in constant time; null when it gives none. */
  private roleOf(password: string): Role | null {
    const given = digest(password);
    const matches = (secret: string | undefined): boolean => secret !== undefined && timingSafeEqual(given, digest(secret));
    if (matches(this.options.operatorPassword)) return 'operator';
    if (matches(this.options.viewerPassword)) return 'viewer';
    return null;
  }

  /** A new session for a correct password; `wait` when this address failed too often in the last minute. */
  login(password: string, from: string): { token: string; role: Role } | 'wrong' | 'wait' {
    const t = this.now();
    const recent = (this.failures.get(from) ?? []).filter((at) => t - at < 60_000);
    if (recent.length >= MAX_FAILURES_PER_MINUTE) return 'wait';
    const role = this.roleOf(password);
    if (role === null) {
      recent.push(t);
      this.failures.set(from, recent);
      return 'wrong';
    }
    this.failures.delete(from);
    this.expire(t);
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.entries()].sort((a, b) => a[1].lastSeen - b[1].lastSeen)[0];
      if (oldest) this.sessions.delete(oldest[0]);
    }
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { role, lastSeen: t });
    return { token, role };
  }

  logout(token: string | null): void {
    if (token) this.sessions.delete(token);
  }

  /** The caller's role: from its session cookie when a login is required, operator otherwise; null when refused. */
  roleOfRequest(req: IncomingMessage): Role | null {
    if (!this.required) return 'operator';
    return this.roleOfToken(tokenOf(req));
  }

  /** The role of a session still alive (touching it), or null. */
  roleOfToken(token: string | null): Role | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    const t = this.now();
    if (!s || t - s.lastSeen > this.idleMs) {
      if (s) this.sessions.delete(token);
      return null;
    }
    s.lastSeen = t;
    return s.role;
  }

  /** The Set-Cookie value of a new session (or of its end, with an empty token). */
  cookie(token: string): string {
    const age = token === '' ? 0 : Math.floor(this.idleMs / 1000);
    return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${age}${this.options.secureCookie ? '; Secure' : ''}`;
  }

  private expire(t: number): void {
    for (const [token, s] of this.sessions) if (t - s.lastSeen > this.idleMs) this.sessions.delete(token);
  }
}

/** The session id from the request's Cookie header, or null. */
export function tokenOf(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}
