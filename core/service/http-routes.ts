import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { DEFAULT_SCL_LIMITS } from '../scl';
import { errorMessage } from '../shared';
import { tokenOf, type ServeAuth } from './serve-auth';
import { isSameOrigin } from './ws-host';

/** Security headers every answer carries. */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
};

/** Uploads kept at once; older ones are deleted (a browser session opens one SCL file at a time). */
const UPLOADS_KEPT = 4;
const MAX_LOGIN_BODY = 4096;

export function replyJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

async function readSmallBody(req: IncomingMessage, limit: number): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The HTTP side of `relaygate serve` besides static files: login, logout and the session
 * (`/auth/*`), and uploads of SCL files from a browser (`POST /api/upload`), streamed to a temporary
 * file the SCL channels then open by path.
 */
export class HttpRoutes {
  private uploadDir: Promise<string> | undefined;
  private readonly uploads: string[] = [];

  constructor(private readonly auth: ServeAuth | undefined) {}

  /** Handles the request when it is one of these routes; false leaves it to the static files. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/auth/session' && req.method === 'GET') {
      const role = this.auth ? this.auth.roleOfRequest(req) : 'operator';
      replyJson(res, 200, { authRequired: this.auth?.required ?? false, role });
      return true;
    }
    if (path === '/auth/login' || path === '/auth/logout' || path === '/api/upload') {
      if (req.method !== 'POST') {
        replyJson(res, 405, { error: `${path} takes POST` });
        return true;
      }
      if (!isSameOrigin(req)) {
        replyJson(res, 403, { error: 'refused: the request came from a page of another site' });
        return true;
      }
      if (path === '/auth/login') await this.login(req, res);
      else if (path === '/auth/logout') this.logout(req, res);
      else await this.upload(req, res);
      return true;
    }
    return false;
  }

  async close(): Promise<void> {
    const dir = await this.uploadDir?.catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  private async login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.auth?.required) return replyJson(res, 200, { role: 'operator', authRequired: false });
    const body = await readSmallBody(req, MAX_LOGIN_BODY);
    let password: unknown;
    try {
      password = body === null ? undefined : (JSON.parse(body) as { password?: unknown }).password;
    } catch {
      password = undefined;
    }
    if (typeof password !== 'string' || password.length === 0)
      return replyJson(res, 400, { error: 'send {"password": "..."} as JSON' });
    const outcome = this.auth.login(password, req.socket.remoteAddress ?? '?');
    if (outcome === 'wait') return replyJson(res, 429, { error: 'too many wrong passwords from this address: wait a minute, then try again' });
    if (outcome === 'wrong') return replyJson(res, 401, { error: 'wrong password' });
    replyJson(res, 200, { role: outcome.role, authRequired: true }, { 'Set-Cookie': this.auth.cookie(outcome.token) });
  }

  private logout(req: IncomingMessage, res: ServerResponse): void {
    this.auth?.logout(tokenOf(req));
    replyJson(res, 200, { loggedOut: true }, this.auth ? { 'Set-Cookie': this.auth.cookie('') } : {});
  }

  /** An SCL file from the browser, to a temporary file; answers its path for sclOverview/sclIed. */
  private async upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const role = this.auth ? this.auth.roleOfRequest(req) : 'operator';
    if (role === null) return replyJson(res, 401, { error: 'log in first' });
    if (role !== 'operator') return replyJson(res, 403, { error: 'uploading a file is for operators; you are logged in as a viewer' });
    const max = DEFAULT_SCL_LIMITS.maxBytes;
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > max)
      return replyJson(res, 413, { error: `the file has ${declared} bytes, more than the ${max} an SCL file may have` });
    const name = basename(new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? 'upload.scd').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 120) || 'upload.scd';
    this.uploadDir ??= mkdtemp(join(tmpdir(), 'relaygate-upload-'));
    const file = join(await this.uploadDir, `${Date.now()}-${name}`);
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > max ? new Error(`the file is larger than the ${max} bytes an SCL file may have`) : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(file));
    } catch (err) {
      await rm(file, { force: true });
      return replyJson(res, 413, { error: errorMessage(err) });
    }
    this.uploads.push(file);
    while (this.uploads.length > UPLOADS_KEPT) await rm(this.uploads.shift() as string, { force: true });
    replyJson(res, 200, { path: file, bytes, name });
  }
}
