import { describe, expect, it } from 'vitest';
import { UsageError, type Command } from './command';
import { commands } from './commands';
import { runCli } from './run-cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), interrupted: new Promise<void>(() => {}) } };
}

const echo: Command = {
  name: 'echo',
  summary: 'prints its arguments',
  args: '<word>...',
  positionals: { min: 1 },
  options: { upper: { type: 'boolean', help: 'upper-case' }, times: { type: 'string', valueName: 'N', help: 'repeat' } },
  async run(args, io) {
    if (args.values.times === '0') throw new UsageError('--times must be at least 1');
    if (args.positionals[0] === 'fail') throw new Error('the peer went away');
    const text = args.positionals.join(' ');
    io.out(args.values.upper ? text.toUpperCase() : text);
    return 0;
  },
};

describe('runCli', () => {
  it('prints program help with every registered command and exits 0', async () => {
    const c = capture();
    expect(await runCli(['--help'], commands, '9.9.9', c.io)).toBe(0);
    const help = c.out.join('\n');
    expect(help).toContain('RelayGate 9.9.9');
    for (const cmd of commands) expect(help).toContain(`  ${cmd.name}`);
    expect(c.err).toEqual([]);
  });

  it('prints per-command help for `<cmd> --help` and `help <cmd>`', async () => {
    for (const argv of [['echo', '--help'], ['help', 'echo']]) {
      const c = capture();
      expect(await runCli(argv, [echo], '1', c.io)).toBe(0);
      expect(c.out[0]).toContain('Usage: relaygate echo <word>... [--upper] [--times N]');
      expect(c.out[0]).toContain('--times N');
    }
  });

  it('runs a command with options', async () => {
    const c = capture();
    expect(await runCli(['echo', 'a', 'b', '--upper'], [echo], '1', c.io)).toBe(0);
    expect(c.out).toEqual(['A B']);
  });

  it.each([
    [['bogus'], "relaygate: unknown command 'bogus'"],
    [['--bogus'], "relaygate: unknown option '--bogus'"],
    [['echo', 'a', '--nope'], "relaygate: Unknown option '--nope'"],
    [['echo'], 'relaygate: missing argument: expected <word>...'],
    [['echo', 'a', '--times'], "relaygate: Option '--times <value>' argument missing"],
    [['echo', 'a', '--times', '0'], 'relaygate: --times must be at least 1'],
    [['help', 'bogus'], "relaygate: unknown command 'bogus'"],
  ])('exits 2 with a one-line error and the usage for %j', async (argv, line) => {
    const c = capture();
    expect(await runCli(argv, [echo], '1', c.io)).toBe(2);
    expect(c.err[0]).toBe(line);
    expect(c.err[1]).toMatch(/Usage: relaygate/);
    expect(c.out).toEqual([]);
  });

  it('exits 1 with one line on a runtime failure', async () => {
    const c = capture();
    expect(await runCli(['echo', 'fail'], [echo], '1', c.io)).toBe(1);
    expect(c.err).toEqual(['relaygate echo: the peer went away']);
  });

  it('adds the stack with --verbose', async () => {
    const c = capture();
    expect(await runCli(['echo', 'fail', '--verbose'], [echo], '1', c.io)).toBe(1);
    expect(c.err[0]).toBe('relaygate echo: the peer went away');
    expect(c.err[1]).toMatch(/at /);
  });
});
