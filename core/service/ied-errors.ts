import { isClientError } from '../client';
import { errorMessage } from '../shared';

/**
 * An IED connection failure as one line that says what happened and what to try next: the wizard
 * shows it as it is. The client's own message stays in it, for the details.
 */
export function explainIedError(err: unknown, where: string, signal?: AbortSignal): Error {
  if (signal?.aborted) return new Error(`cancelled: ${where} was left before the work was done`);
  const text = errorMessage(err);
  if (!isClientError(err)) return err instanceof Error ? err : new Error(text);
  const hint: Partial<Record<typeof err.code, string>> = {
    'connection-refused': `nothing accepts connections at ${where}: check the address and the port (MMS is usually 102) and that the IED's MMS server is on`,
    'connect-timeout': `${where} did not answer the connection: check the address, the network route and any firewall on the way`,
    unreachable: `${where} cannot be reached from this machine: check the address and the network route`,
    'association-rejected': `the IED at ${where} refused the association: check the password and, under Advanced, the selectors and AP-title its SCL gives`,
    'association-failed': `the association with ${where} failed: check the selectors and AP-title under Advanced`,
    timeout: `the IED at ${where} stopped answering in time: try a longer timeout, or check that no other client is loading it`,
    'connection-lost': `the connection to ${where} was lost: check the network, then try again`,
    'limit-exceeded': `the IED at ${where} holds more than this discovery may take`,
  };
  const advice = hint[err.code];
  return new Error(advice ? `${advice} (${text})` : text, { cause: err });
}
