import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox';

const dirs: string[] = [];
function tempPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rg-outbox-'));
  dirs.push(dir);
  return join(dir, 'sub', 'outbox.jsonl');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const msg = (n: number) => ({
  topic: `rg/I/p${n}/state`,
  payload: `{"n":${n}}`,
  qos: 1 as const,
  retain: true,
});

describe('Outbox', () => {
  it('keeps unacknowledged events across a reopen, in order', () => {
    const path = tempPath();
    const a = new Outbox(100, path);
    const ids = [1, 2, 3].map((n) => a.add(msg(n)).id);
    a.done(ids[1]!);
    a.close();
    const b = new Outbox(100, path);
    expect(b.pending().map((i) => i.payload)).toEqual(['{"n":1}', '{"n":3}']);
    expect(b.add(msg(4)).id).toBe(4);
    b.close();
  });

  it('drops the oldest event when full and counts it', () => {
    const path = tempPath();
    const o = new Outbox(2, path);
    for (let n = 1; n <= 5; n++) o.add(msg(n));
    expect(o.size).toBe(2);
    expect(o.dropped).toBe(3);
    o.close();
    expect(new Outbox(10, path).pending().map((i) => i.topic)).toEqual(['rg/I/p4/state', 'rg/I/p5/state']);
  });

  it('compacts the journal once acknowledged lines pile up', () => {
    const path = tempPath();
    const o = new Outbox(10, path);
    for (let n = 0; n < 3000; n++) o.done(o.add(msg(n)).id);
    o.add(msg(9999));
    o.close();
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThan(2100);
    expect(new Outbox(10, path).pending().map((i) => i.payload)).toEqual(['{"n":9999}']);
  });

  it('tracks what is in flight on the current connection', () => {
    const o = new Outbox(10);
    const a = o.add(msg(1));
    o.add(msg(2));
    a.inflight = true;
    expect(o.pending().map((i) => i.id)).toEqual([2]);
    o.connectionLost();
    expect(o.pending().map((i) => i.id)).toEqual([1, 2]);
  });

  it('names the path it cannot open', () => {
    const file = tempPath().replace(/sub\/outbox.jsonl$/, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => new Outbox(10, join(file, 'outbox.jsonl'))).toThrow(
      /cannot open the MQTT outbox '.*a-file\/outbox.jsonl': EEXIST/,
    );
  });
});
