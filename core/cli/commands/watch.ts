import { ReportSubscription, mmsVariableOf, type IedClient, type IsoStackFactory } from '../../client';
import { formatQuality, parseObjectReference, type Report } from '../../iec61850';
import type { MmsTypeSpec } from '../../mms';
import type { CommandIo, CommandRun } from '../command';
import { openFromArgs } from './open-ied';
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
export async function memberTypes(client: IedClient, members: readonly string[]): Promise<MemberTypes> {
  const found = await Promise.all(
    [...new Set(members)].map(async (member): Promise<[string, MmsTypeSpec] | undefined> => {
      try {
        return [member, await client.typeOf(mmsVariableOf(member).name)];
      } catch {
        return undefined; // shown untyped, as it came
      }
    }),
  );
  return new Map(found.filter((e) => e !== undefined));
}

export function runWatch(createIso: IsoStackFactory): CommandRun {
  return async (args, io) => {
    const intgPd =
      typeof args.values['integrity-period'] === 'string'
        ? Number(args.values['integrity-period'])
        : undefined;
    const session = await openFromArgs(args, createIso, io);
    try {
      // The listener goes in with the start: the GI report can arrive before start() resolves. Text
      // output waits for the members' types (asked once the members are known), keeping the order.
      const early: Report[] = [];
      let print = (r: Report): void => void early.push(r);
      const onReport = (r: Report): void => print(r);
      const sub = await ReportSubscription.start(
        session.client,
        session.connection,
        args.positionals[1] ?? '',
        {
          onReport,
          ...(intgPd !== undefined && Number.isFinite(intgPd) ? { intgPd } : {}),
          ...(args.values.purge ? { purge: true } : {}),
        },
      );
      io.err(
        `relaygate watch: ${args.positionals[1]} enabled (${sub.rcb.buffered ? 'BRCB' : 'URCB'}, data set ${sub.state.datSet}, ${sub.members.length} members); Ctrl-C to stop`,
      );
      sub.on('warning', (w) => io.err(`relaygate watch: ${w}`));
      const lost = new Promise<void>((resolve) => session.connection.on('closed', () => resolve()));
      const types: MemberTypes = args.values.json
        ? new Map()
        : await memberTypes(session.client, sub.members);
      print = (r) => io.out(args.values.json ? JSON.stringify(reportJson(r)) : formatReport(r, types));
      for (const r of early) print(r);
      await Promise.race([io.interrupted, lost]);
      if (session.connection.closed) {
        io.err('relaygate watch: the association was lost');
        return 1;
      }
      await stop(sub, io);
      return 0;
    } finally {
      await session.close();
    }
  };
}

async function stop(sub: ReportSubscription, io: CommandIo): Promise<void> {
  try {
    await sub.stop();
    io.err('relaygate watch: disabled and released');
  } catch (err) {
    io.err(`relaygate watch: could not disable the RCB: ${err instanceof Error ? err.message : String(err)}`);
  }
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
