import type { Command } from './command';

export const PROGRAM = 'relaygate';

export function usageLine(cmd: Command): string {
  const opts = Object.entries(cmd.options)
    .map(([name, spec]) => (spec.valueName ? `[--${name} ${spec.valueName}]` : `[--${name}]`))
    .join(' ');
  return [PROGRAM, cmd.name, cmd.args ?? '', opts].filter(Boolean).join(' ');
}

export function commandHelp(cmd: Command): string {
  const lines = [`Usage: ${usageLine(cmd)}`, '', cmd.summary];
  const rows: [string, string][] = Object.entries(cmd.options).map(([name, spec]) => [
    `--${name}${spec.valueName ? ` ${spec.valueName}` : ''}`,
    spec.help,
  ]);
  rows.push(['--help', 'show this help'], ['--verbose', 'print error details']);
  const width = Math.max(...rows.map(([label]) => label.length));
  lines.push('', 'Options:', ...rows.map(([label, help]) => `  ${label.padEnd(width)}  ${help}`));
  if (cmd.details) lines.push('', cmd.details);
  return lines.join('\n');
}

export function programHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `RelayGate ${version}: IEC 61850 (MMS) to Modbus TCP and MQTT gateway.`,
    '',
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for a command's options.`,
    'Exit codes: 0 ok, 1 runtime failure, 2 usage error.',
  ].join('\n');
}

/** Short usage for usage errors: what to type, which commands exist, where the help is. */
export function programUsage(commands: readonly Command[]): string {
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    `Commands: ${commands.map((c) => c.name).join(', ')}`,
    `Run '${PROGRAM} --help' for help.`,
  ].join('\n');
}
