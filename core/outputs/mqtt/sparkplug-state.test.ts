import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCounter } from './sparkplug-state';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'rg-spb-'));
  dirs.push(d);
  return d;
}

describe('fileCounter', () => {
  it('keeps the next bdSeq across instances', () => {
    const path = join(temp(), 'deep', 'state.json');
    const warnings: string[] = [];
    const a = fileCounter(path, (m) => warnings.push(m));
    expect(a.load()).toBeNull();
    a.save(7);
    expect(fileCounter(path, (m) => warnings.push(m)).load()).toBe(7);
    expect(warnings).toEqual([]);
  });

  it('says when the file holds no bdSeq', () => {
    const path = join(temp(), 'state.json');
    writeFileSync(path, '{"nextBdSeq":300}');
    const warnings: string[] = [];
    expect(fileCounter(path, (m) => warnings.push(m)).load()).toBeNull();
    expect(warnings).toEqual([`the Sparkplug state '${path}' holds no bdSeq (0..255); starting at 0`]);
  });

  it('lives in memory without a path', () => {
    const c = fileCounter(undefined, () => undefined);
    c.save(3);
    expect(c.load()).toBeNull();
  });
});
