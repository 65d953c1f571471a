import type { IsoStackFactory } from '../../client';
import { lazyCommand, type Command, type CommandRun, type CommandSpec, type OptionSpec } from '../command';

/** Options every command that talks to an IED shares (light: the registry imports it for --help). */
export const IED_OPTIONS: Record<string, OptionSpec> = {
  password: { type: 'string', valueName: 'PW', help: 'ACSE password (authentication mechanism 2.2.3.1)' },
  timeout: {
    type: 'string',
    valueName: 'MS',
    help: 'connect, association and request timeout in ms (default 5000)',
  },
  trace: {
    type: 'boolean',
    help: 'print every MMS PDU sent and received to stderr: a summary line and a hexdump',
  },
  limit: {
    type: 'string',
    multiple: true,
    valueName: 'NAME=N',
    help: 'change a budget on what the IED may make RelayGate hold or send, e.g. maxNamesPerList=500000 (repeatable; the names are in docs/CLIENT.md)',
  },
};

/**
 * A command that talks to an IED: its run is built from the MMS client's ISO stack, and both load only
 * when it runs (see lazyCommand).
 */
export function lazyIedCommand(
  spec: CommandSpec,
  load: () => Promise<(createIso: IsoStackFactory) => CommandRun>,
): Command {
  return lazyCommand(spec, async () => {
    const [makeRun, { isoStackFor }] = await Promise.all([load(), import('../../client')]);
    return makeRun(isoStackFor);
  });
}
