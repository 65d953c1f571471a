import { setMaxListeners } from 'node:events';
import {
  ReportSubscription,
  mmsVariableOf,
  type IedClient,
  type IedSession,
  type IsoStackFactory,
} from '../../client';
import { formatQuality, parseObjectReference, type ReassemblyLimits, type Report } from '../../iec61850';
import type { MmsTypeSpec } from '../../mms';
import type { CommandIo, CommandRun, ParsedArgs } from '../command';
import { limitsFromArgs, openFromArgs, withLimitHint } from './open-ied';
import { formatDisplayValue, shownValue, typeValue } from './read-format';

/** MMS type descriptions of data set members, by member reference as the subscription names them. */
export type MemberTypes = ReadonlyMap<string, MmsTypeSpec>;

/**
 * One report as text: a header line, then one line per included member. With the members' type
 * descriptions a whole-FCD member reads like `read` prints it (value, q=, t=); without them its
 * components are unnamed and it is shown as it came.
 */
export function formatReport(report: Report, types: MemberTypes = new Map()): string {
  const when = report.timeOfEntry?.iso ?? '';
  const head = [
    `report ${report.rptId}`,
    report.seqNum !== undefined ? `#${report.seqNum}` : '',
    when,
    report.bufOvfl ? 'BUFFER OVERFLOW' : '',
  ]
    .filter(Boolean)
    .join('  ');
  const lines = [head];
  for (const entry of report.entries) {
    const who = entry.member ?? entry.dataRef ?? `member ${entry.index}`;
    const reasons = entry.reasons && entry.reasons.length > 0 ? `  (${entry.reasons.join(', ')})` : '';
    if (!entry.value) {
      lines.push(`  ${who}  ERROR ${entry.accessError?.name ?? 'no value'}${reasons}`);
      continue;
    }
    let path: readonly string[] = [];
    try {
      path = parseObjectReference(who).path;
    } catch {
      // A member name the IED formats its own way is printed as it came.
    }
    const shown = shownValue(typeValue(entry.value, types.get(who), path));
    const q = shown.quality ? `  q=${formatQuality(shown.quality)}` : '';
    const t = shown.timestamp ? `  t=${shown.timestamp}` : '';
    lines.push(`  ${who} = ${formatDisplayValue(shown.main.value)}${q}${t}${reasons}`);
  }
  return lines.join('\n');
}

/** The type of every member that names an MMS variable; one GetVariableAccessAttributes each, pipelined. */
export async function memberTypes(
  client: IedClient,
  members: readonly string[],
  signal?: AbortSignal,
): Promise<MemberTypes> {
  const found = await Promise.all(
    [...new Set(members)].map(async (member): Promise<[string, MmsTypeSpec] | undefined> => {
      try {
        return [member, await client.typeOf(mmsVariableOf(member).name, signal ? { signal } : {})];
      } catch {
        return undefined; // shown untyped, as it came
      }
    }),
  );
  return new Map(found.filter((e) => e !== undefined));
}

export function runWatch(createIso: IsoStackFactory): CommandRun {
  return async (args, io) => {
    const limits = limitsFromArgs(args);
    const session = await openFromArgs(args, createIso, io, limits);
    const stopping = new AbortController();
    setMaxListeners(0, stopping.signal); // one listener per member type request
    void io.interrupted.then(() => stopping.abort());
    try {
      return await watchUntilStopped(session, args, io, limits.reassembly, stopping.signal);
    } catch (err) {
      if (!stopping.signal.aborted) throw withLimitHint(err);
      io.err('relaygate watch: interrupted');
      return 1;
    } finally {
      await session.close(stopping.signal.aborted ? STOP_CLOSE_MS : undefined);
    }
  };
}

/** Enables the RCB, prints reports until Ctrl-C (`stopping`) or the association is lost, then stops. */
async function watchUntilStopped(
  session: IedSession,
  args: ParsedArgs,
  io: CommandIo,
  reassembly: Partial<ReassemblyLimits>,
  stopping: AbortSignal,
): Promise<number> {
  const intgPd =
    typeof args.values['integrity-period'] === 'string' ? Number(args.values['integrity-period']) : undefined;
  const warn = throttledLines((line) => io.err(`relaygate watch: ${line}`));
  session.connection.on('undecodable-report', (u) =>
    warn(`undecodable report from ${session.where}: ${u.reason}`),
  );
  // Before the RCB is enabled there is nothing to undo: Ctrl-C aborts the association at once.
  const abort = (): void => session.connection.abort();
  stopping.addEventListener('abort', abort, { once: true });
  // The listener goes in with the start: the GI report can arrive before start() resolves. Text
  // output waits for the members' types (asked once the members are known), keeping the order.
  const early: Report[] = [];
  let print = (r: Report): void => void early.push(r);
  const sub = await ReportSubscription.start(session.client, session.connection, args.positionals[1] ?? '', {
    onReport: (r) => print(r),
    reassembly,
    ...(intgPd !== undefined && Number.isFinite(intgPd) ? { intgPd } : {}),
    ...(args.values.purge ? { purge: true } : {}),
  });
  stopping.removeEventListener('abort', abort);
  io.err(
    `relaygate watch: ${args.positionals[1]} enabled (${sub.rcb.buffered ? 'BRCB' : 'URCB'}, data set ${sub.state.datSet}, ${sub.members.length} members); Ctrl-C to stop`,
  );
  sub.on('warning', warn);
  const lost = new Promise<void>((resolve) => session.connection.on('closed', () => resolve()));
  const types: MemberTypes = args.values.json
    ? new Map()
    : await memberTypes(session.client, sub.members, stopping);
  print = (r) => io.out(args.values.json ? JSON.stringify(reportJson(r)) : formatReport(r, types));
  for (const r of early) print(r);
  await Promise.race([whenAborted(stopping), lost]);
  warn.flush();
  if (!stopping.aborted) {
    io.err('relaygate watch: the association was lost');
    return 1;
  }
  print = () => {}; // Ctrl-C means now: what is still arriving is not printed.
  await stop(sub, session, io);
  return 0;
}

function whenAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** After Ctrl-C, how long the IED has to confirm the disable, and then each step of the goodbye. */
const STOP_DISABLE_MS = 700;
const STOP_CLOSE_MS = 200;

/**
 * Disables and releases the RCB, or gives up after STOP_DISABLE_MS: behind a flood of reports the
 * answer can wait for seconds in the socket, and Ctrl-C must end the command within two. The
 * association is then aborted, which frees a URCB; a BRCB stays enabled and keeps buffering.
 */
async function stop(sub: ReportSubscription, session: IedSession, io: CommandIo): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_DISABLE_MS)));
  try {
    const outcome = await Promise.race([sub.stop().then(() => 'done' as const), late]);
    if (outcome === 'done') io.err('relaygate watch: disabled and released');
    else {
      io.err(
        `relaygate watch: the IED did not confirm the disable within ${STOP_DISABLE_MS} ms; aborting the association${sub.rcb.buffered ? ' (the BRCB stays enabled)' : ' (which frees the URCB)'}`,
      );
      session.connection.abort();
    }
  } catch (err) {
    io.err(`relaygate watch: could not disable the RCB: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stderr lines at most `perSecond` a second: a peer sending a flood of bad reports must not turn into a
 * flood of lines. What is held back is counted and said with the next line after the second, or by
 * `flush`.
 */
export function throttledLines(
  write: (line: string) => void,
  perSecond = 10,
  now: () => number = Date.now,
): ((line: string) => void) & { flush: () => void } {
  let windowStart = now();
  let shown = 0;
  let held = 0;
  const flush = (): void => {
    if (held > 0) write(`${held} more such line${held === 1 ? '' : 's'} not shown`);
    held = 0;
  };
  const line = (text: string): void => {
    if (now() - windowStart >= 1000) {
      flush();
      windowStart = now();
      shown = 0;
    }
    if (shown < perSecond) {
      shown++;
      write(text);
    } else held++;
  };
  return Object.assign(line, { flush });
}

function reportJson(r: Report): unknown {
  return JSON.parse(
    JSON.stringify(r, (_k, v: unknown) =>
      v instanceof Uint8Array
        ? Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('')
        : typeof v === 'bigint'
          ? v.toString()
          : v,
    ),
  );
}
