import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingLogFile, parseSize } from './log-file';

const dir = () => mkdtempSync(join(tmpdir(), 'rg-log-'));

describe('the rotating log file', () => {
  it('appends lines, and rotates before a line would pass the size, keeping N files', () => {
    const d = dir();
    const path = join(d, 'relaygate.log');
    const log = new RotatingLogFile(path, { maxBytes: 20, keep: 2 }, () => undefined);
    // Each line is 10 bytes with its newline: two per file.
    for (let i = 0; i < 7; i++) log.write(`line ${i}   `.slice(0, 9));
    expect(readdirSync(d).sort()).toEqual(['relaygate.log', 'relaygate.log.1', 'relaygate.log.2']);
    expect(readFileSync(path, 'utf8')).toBe('line 6   \n');
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('line 4   \nline 5   \n');
    expect(readFileSync(`${path}.2`, 'utf8')).toBe('line 2   \nline 3   \n');
  });

  it('continues an existing file, counting its size', () => {
    const d = dir();
    const path = join(d, 'a.log');
    new RotatingLogFile(path, { maxBytes: 100, keep: 1 }, () => undefined).write('x'.repeat(60));
    const again = new RotatingLogFile(path, { maxBytes: 100, keep: 1 }, () => undefined);
    again.write('y'.repeat(60));
    expect(readFileSync(`${path}.1`, 'utf8')).toBe(`${'x'.repeat(60)}\n`);
    expect(readFileSync(path, 'utf8')).toBe(`${'y'.repeat(60)}\n`);
  });

  it('keeps no old file with keep 0, and writes a line longer than the limit whole', () => {
    const d = dir();
    const path = join(d, 'b.log');
    const log = new RotatingLogFile(path, { maxBytes: 8, keep: 0 }, () => undefined);
    log.write('a');
    log.write('a long line past the limit');
    expect(readdirSync(d)).toEqual(['b.log']);
    expect(readFileSync(path, 'utf8')).toBe('a long line past the limit\n');
  });

  it('refuses a file it cannot create, and reports a failing write once without throwing', () => {
    const d = dir();
    expect(() => new RotatingLogFile(join(d, 'missing', 'c.log'), { maxBytes: 100, keep: 1 }, () => undefined)).toThrow(/ENOENT/);
    const errors: string[] = [];
    const log = new RotatingLogFile(join(d, 'c.log'), { maxBytes: 100, keep: 1 }, (m) => errors.push(m));
    rmSync(d, { recursive: true });
    log.write('one');
    log.write('two');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^cannot write the log file .*c\.log: ENOENT/);
  });

  it('reads sizes with k, M and G suffixes', () => {
    expect(parseSize('10M')).toBe(10 * 1024 * 1024);
    expect(parseSize('512k')).toBe(512 * 1024);
    expect(parseSize('1GiB')).toBe(1024 ** 3);
    expect(parseSize('2000')).toBe(2000);
    for (const bad of ['', 'ten', '-1', '1.5M', '10T']) expect(parseSize(bad)).toBeNull();
  });
});
