import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli, startBuiltCli, type LongRunning } from './support/cli-process';
import { makeTestPki } from './support/tls-certs';
import { TestWsClient } from './support/ws-client';

/**
 * `relaygate serve` beyond loopback (127.0.0.2 here: the test only ever connects to 127.x): refused
 * without a password, then logins, roles and the session cookie over HTTP and on the WebSocket.
 */
const OPERATOR = 'operator-secret-1';
const VIEWER = 'viewer-secret-22';
const ENV = { RG_TEST_OP: OPERATOR, RG_TEST_VIEW: VIEWER };

async function post(url: string, body: unknown, cookie?: string): Promise<{ status: number; json: Record<string, unknown>; setCookie: string | null }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, setCookie: res.headers.get('set-cookie') };
}

/** `relaygate_session=abc; HttpOnly; …` → `relaygate_session=abc`. */
const cookieOf = (setCookie: string | null): string => (setCookie ?? '').split(';')[0] ?? '';

describe('relaygate serve on a non-loopback address', () => {
  it('refuses to start without credentials, saying why and what to do', async () => {
    const result = await runBuiltCli(['serve', '--host', '127.0.0.2', '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to listen on 127.0.0.2 without authentication');
    expect(result.stderr).toContain('--password-env');
  });

  it('refuses a password environment variable that is not set, and a viewer without an operator', async () => {
    const missing = await runBuiltCli(['serve', '--host', '127.0.0.2', '--port', '0', '--password-env', 'RG_TEST_UNSET_VAR']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('RG_TEST_UNSET_VAR, but that environment variable is not set');
    const viewerOnly = await runBuiltCli(['serve', '--host', '127.0.0.2', '--port', '0', '--viewer-password-env', 'RG_TEST_VIEW'], 20_000, ENV);
    expect(viewerOnly.code).toBe(2);
    expect(viewerOnly.stderr).toContain('--viewer-password-env needs --password-env too');
  });

  describe('with operator and viewer passwords', () => {
    let serve: LongRunning;
    let base: string;
    let ws: string;

    beforeAll(async () => {
      serve = await startBuiltCli(
        ['serve', '--host', '127.0.0.2', '--port', '0', '--password-env', 'RG_TEST_OP', '--viewer-password-env', 'RG_TEST_VIEW'],
        /^relaygate serve: listening on (http:\/\/127\.0\.0\.2:\d+\/)$/,
        20_000,
        ENV,
      );
      base = serve.match;
      ws = `${base.replace('http:', 'ws:')}api`;
    });

    afterAll(async () => {
      expect(await serve.stop()).toBe(0);
    });

    it('says a login is required, and serves the page itself (it holds no secret)', async () => {
      const session = await (await fetch(`${base}auth/session`)).json();
      expect(session).toEqual({ authRequired: true, role: null });
      expect(serve.stderr()).toContain('logins required');
    });

    it('refuses a wrong password and a missing or made-up cookie, over HTTP and on the WebSocket', async () => {
      const wrong = await post(`${base}auth/login`, { password: 'not-the-password' });
      expect(wrong.status).toBe(401);
      expect(wrong.json.error).toBe('wrong password');
      expect(wrong.setCookie).toBeNull();
      await expect(TestWsClient.connect(ws)).rejects.toThrow('HTTP 401');
      await expect(TestWsClient.connect(ws, { Cookie: 'relaygate_session=made-up' })).rejects.toThrow('HTTP 401');
      const upload = await fetch(`${base}api/upload?name=x.scd`, { method: 'POST', body: '<SCL/>' });
      expect(upload.status).toBe(401);
    });

    it('gives a viewer an HttpOnly SameSite cookie and lets it look but not start, stop or upload', async () => {
      const login = await post(`${base}auth/login`, { password: VIEWER });
      expect(login.status).toBe(200);
      expect(login.json).toEqual({ role: 'viewer', authRequired: true });
      expect(login.setCookie).toMatch(/^relaygate_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=\d+$/);
      const cookie = cookieOf(login.setCookie);
      const client = await TestWsClient.connect(ws, { Cookie: cookie });
      expect((await client.call(1, 'getSession')).result).toMatchObject({ role: 'viewer', authRequired: true });
      expect((await client.call(2, 'getStatus')).result).toMatchObject({ mode: 'serve', state: 'idle' });
      for (const [id, method] of [[3, 'startRuntime'], [4, 'stopRuntime']] as const) {
        const refused = await client.call(id, method);
        expect(refused).toMatchObject({ id, error: { code: 'forbidden' } });
        expect((refused.error as { message: string }).message).toContain('you are logged in as a viewer');
      }
      client.close();
      const upload = await fetch(`${base}api/upload?name=x.scd`, { method: 'POST', headers: { Cookie: cookie }, body: '<SCL/>' });
      expect(upload.status).toBe(403);
    });

    it('lets an operator start and stop, and ends the session on logout', async () => {
      const login = await post(`${base}auth/login`, { password: OPERATOR });
      expect(login.json.role).toBe('operator');
      const cookie = cookieOf(login.setCookie);
      const client = await TestWsClient.connect(ws, { Cookie: cookie });
      // Allowed through to the service, which has no project to run.
      const start = await client.call(1, 'startRuntime');
      expect(start).toMatchObject({ error: { code: 'handler-failed' } });
      expect((start.error as { message: string }).message).toContain('no project is open');
      expect((await client.call(2, 'stopRuntime')).result).toMatchObject({ state: 'idle' });
      const out = await post(`${base}auth/logout`, {}, cookie);
      expect(out.setCookie).toContain('Max-Age=0');
      expect(await client.call(3, 'getStatus')).toMatchObject({ error: { code: 'unauthorized' } });
      client.close();
      await expect(TestWsClient.connect(ws, { Cookie: cookie })).rejects.toThrow('HTTP 401');
    });

    it('refuses a login POSTed from a page of another site', async () => {
      const res = await fetch(`${base}auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' },
        body: JSON.stringify({ password: OPERATOR }),
      });
      expect(res.status).toBe(403);
    });
  });

  it('serves HTTPS with the given certificate and marks the cookie Secure', async () => {
    const pki = makeTestPki();
    const serve = await startBuiltCli(
      ['serve', '--host', '127.0.0.2', '--port', '0', '--password-env', 'RG_TEST_OP', '--tls-cert', pki.serverCert, '--tls-key', pki.serverKey],
      /^relaygate serve: listening on (https:\/\/127\.0\.0\.2:\d+\/)$/,
      20_000,
      ENV,
    );
    try {
      const url = new URL(`${serve.match}auth/login`);
      const reply = await new Promise<{ status: number; cookie: string }>((ok, fail) => {
        const req = httpsRequest(
          url,
          { method: 'POST', ca: readFileSync(pki.ca), servername: 'localhost', headers: { 'Content-Type': 'application/json' } },
          (res) => {
            res.resume();
            ok({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') });
          },
        );
        req.on('error', fail);
        req.end(JSON.stringify({ password: OPERATOR }));
      });
      expect(reply.status).toBe(200);
      expect(reply.cookie).toMatch(/; Secure$/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});
