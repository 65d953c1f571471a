import { ReportSubscription, type IsoStackFactory } from '../../client';
import { fcdParts, formatQuality, parseObjectReference, toTypedValue, type Report } from '../../iec61850';
import type { Command, CommandIo } from '../command';
import { IED_OPTIONS, openFromArgs } from './ied-options';

/** One report as text: a header line, then one line per included member. */
export function formatReport(report: Report): string {
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
    const typed = toTypedValue(entry.value, undefined, {
      ...(path.length > 0 ? { name: path[path.length - 1] as string } : {}),
      ...(path[0] ? { doName: path[0] } : {}),
    });
    const parts = fcdParts(typed);
    const main = parts.value ?? typed;
    const value = typeof main.value === 'string' ? main.value : JSON.stringify(main.value);
    const q = parts.quality ? `  q=${formatQuality(parts.quality)}` : '';
    const t = parts.timestamp ? `  t=${parts.timestamp.iso}` : '';
    lines.push(`  ${who} = ${value}${q}${t}${reasons}`);
  }
  return lines.join('\n');
}

export function watchCommand(createIso: IsoStackFactory): Command {
  return {
    name: 'watch',
    summary: 'enable a report control block and print each report until Ctrl-C, then disable and release it',
    args: '<host[:port]> <rcb-ref>',
    positionals: { min: 2, max: 2 },
    options: {
      ...IED_OPTIONS,
      'integrity-period': {
        type: 'string',
        valueName: 'MS',
        help: 'ask for integrity reports every MS milliseconds (default: leave as configured)',
      },
      json: { type: 'boolean', help: 'print one JSON object per report, one per line' },
    },
    details: [
      'The RCB is named LD/LN.name, e.g. IED1LD0/LLN0.urcbA01 (an indexed instance) or IED1LD0/LLN0.brcbMeas01;',
      'add [RP] or [BR] to skip the lookup. The RCB is reserved, configured (OptFlds, TrgOps dchg qchg period gi),',
      'enabled and asked for a GI; on Ctrl-C it is disabled and released, so the next client finds it free.',
    ].join('\n'),
    async run(args, io) {
      const intgPd =
        typeof args.values['integrity-period'] === 'string'
          ? Number(args.values['integrity-period'])
          : undefined;
      const session = await openFromArgs(args, createIso);
      try {
        // The listener goes in with the start: the GI report can arrive before start() resolves.
        const onReport = (r: Report): void =>
          io.out(args.values.json ? JSON.stringify(reportJson(r)) : formatReport(r));
        const sub = await ReportSubscription.start(
          session.client,
          session.connection,
          args.positionals[1] ?? '',
          {
            onReport,
            ...(intgPd !== undefined && Number.isFinite(intgPd) ? { intgPd } : {}),
          },
        );
        io.err(
          `relaygate watch: ${args.positionals[1]} enabled (${sub.rcb.buffered ? 'BRCB' : 'URCB'}, data set ${sub.state.datSet}, ${sub.members.length} members); Ctrl-C to stop`,
        );
        sub.on('warning', (w) => io.err(`relaygate watch: ${w}`));
        const lost = new Promise<void>((resolve) => session.connection.on('closed', () => resolve()));
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
    },
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
