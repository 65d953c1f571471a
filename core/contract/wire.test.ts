import { describe, expect, it } from 'vitest';
import { MAX_LARGE_REQUEST_BYTES, MAX_REQUEST_BYTES, parseClientMessage } from './wire';

describe('parseClientMessage', () => {
  it.each([
    ['getStatus with empty params', { id: 1, method: 'getStatus', params: {} }],
    ['getStatus without params', { id: 2, method: 'getStatus' }],
    ['getDiagnostics with filters', { id: 3, method: 'getDiagnostics', params: { afterSeq: 10, limit: 50, minLevel: 'warn' } }],
  ] as [string, { id: number; method: string; params?: object }][])('accepts %s', (_name, message) => {
    const outcome = parseClientMessage(JSON.stringify(message));
    expect(outcome).toEqual({
      ok: true,
      request: { id: message.id, method: message.method, params: message.params ?? {} },
    });
  });

  it.each([
    ['not JSON', '{"id":1,', null, 'bad-json', /not valid JSON/],
    ['a JSON array', '[1,2]', null, 'bad-shape', /request envelope/],
    ['a missing method', '{"id":4}', 4, 'bad-shape', /method/],
    ['a negative id', '{"id":-1,"method":"getStatus"}', null, 'bad-shape', /id/],
    ['a fractional id', '{"id":1.5,"method":"getStatus"}', null, 'bad-shape', /id/],
    ['an extra envelope key', '{"id":5,"method":"getStatus","x":1}', 5, 'bad-shape', /Unrecognized key/],
    ['params that are not an object', '{"id":6,"method":"getStatus","params":[1]}', 6, 'bad-shape', /params/],
    ['an unknown method', '{"id":7,"method":"rm -rf"}', 7, 'unknown-method', /unknown method 'rm -rf'/],
    ['a prototype key as method', '{"id":8,"method":"constructor"}', 8, 'unknown-method', /constructor/],
    ['unexpected params', '{"id":9,"method":"getStatus","params":{"a":1}}', 9, 'bad-params', /getStatus params/],
    ['limit out of range', '{"id":10,"method":"getDiagnostics","params":{"limit":100000}}', 10, 'bad-params', /limit/],
    ['a bad level', '{"id":11,"method":"getDiagnostics","params":{"minLevel":"loud"}}', 11, 'bad-params', /minLevel/],
  ])('refuses %s', (_name, raw, id, code, message) => {
    const outcome = parseClientMessage(raw);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.id).toBe(id);
    expect(outcome.error.code).toBe(code);
    expect(outcome.error.message).toMatch(message);
  });

  it('refuses an oversized message before parsing it', () => {
    const raw = JSON.stringify({ id: 1, method: 'getStatus', params: { pad: 'x'.repeat(MAX_REQUEST_BYTES) } });
    const outcome = parseClientMessage(raw);
    expect(outcome).toMatchObject({ ok: false, id: null, error: { code: 'too-large' } });
    if (!outcome.ok) expect(outcome.error.message).toContain(`${MAX_REQUEST_BYTES}-byte limit`);
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    const pad = 'é'.repeat(Math.ceil(MAX_REQUEST_BYTES / 2)); // 2 bytes each: over the limit in bytes only
    expect(pad.length).toBeLessThan(MAX_REQUEST_BYTES);
    const outcome = parseClientMessage(JSON.stringify({ id: 1, method: 'getStatus', params: { pad } }));
    expect(outcome).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('takes a large project on the channels that carry one, and only there', () => {
    const points = Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, ied: 'A', ref: `ALD0/GGIO1.AnIn${i}.mag.f`, fc: 'MX', type: 'float32', source: 'poll' }));
    const project = { schemaVersion: 1, name: 'big', ieds: [{ id: 'A', host: '127.0.0.1' }], points };
    const big = JSON.stringify({ id: 3, method: 'modbusMap', params: { project } });
    expect(big.length).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(parseClientMessage(big)).toMatchObject({ ok: true, request: { id: 3, method: 'modbusMap' } });
    const elsewhere = JSON.stringify({ id: 4, method: 'getDiagnostics', params: { pad: project } });
    expect(parseClientMessage(elsewhere)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    // The method must be where the peek finds it: params first is read as an ordinary request.
    const paramsFirst = JSON.stringify({ params: { project }, id: 5, method: 'modbusMap' });
    expect(parseClientMessage(paramsFirst)).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const tooBig = `{"id":6,"method":"saveProject","params":{"pad":"${'x'.repeat(MAX_LARGE_REQUEST_BYTES)}"}}`;
    expect(parseClientMessage(tooBig)).toMatchObject({ ok: false, error: { code: 'too-large', message: expect.stringContaining(`${MAX_LARGE_REQUEST_BYTES}-byte limit`) } });
  });
});
