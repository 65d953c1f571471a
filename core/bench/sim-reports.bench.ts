/**
 * Reports per second at data-change saturation: the simulator in a child process (report-server.ts)
 * changes XCBR1.Pos every turn of its event loop; the project's client enables urcbA01 (dchg, BufTm 0,
 * the Events data set of three FCDs, OptFlds seqNum, timeStamp, reasonCode, dataSet, dataRef) and counts
 * the reports it receives and parses for a few seconds. Every report carries one member.
 *
 *   npx tsx core/bench/sim-reports.bench.ts [seconds]
 */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ReportSubscription, isoStackFor, openIed } from '../client';

const SECONDS = Number(process.argv[2] ?? 5);

const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'report-server.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines: string[] = [];
let wake: () => void = () => undefined;
child.stdout.on('data', (d: Buffer) => {
  lines.push(...d.toString().split('\n').filter(Boolean));
  wake();
});
async function line(prefix: string): Promise<string> {
  for (;;) {
    const found = lines.find((l) => l.startsWith(prefix));
    if (found) return found;
    await new Promise<void>((r) => (wake = r));
  }
}

const port = Number((await line('port ')).split(' ')[1]);
const session = await openIed({ host: '127.0.0.1', port }, isoStackFor);
let reports = 0;
let members = 0;
await ReportSubscription.start(session.client, session.connection, 'IED1LD0/LLN0.urcbA01', {
  gi: false,
  trgOps: ['dchg'],
  bufTm: 0,
  onReport: (r) => {
    reports++;
    members += r.entries.length;
  },
});
child.stdin.write('go\n');
await new Promise((r) => setTimeout(r, 500));
const start = { reports, members, t: performance.now() };
await new Promise((r) => setTimeout(r, SECONDS * 1000));
const seconds = (performance.now() - start.t) / 1000;
const got = reports - start.reports;
child.stdin.write('stop\n');
const changes = Number((await line('changes ')).split(' ')[1]);
await session.close().catch(() => undefined);
console.log(
  `${Math.round(got / seconds)} reports/s received and parsed (${((members - start.members) / Math.max(1, got)).toFixed(2)} members each) over ${seconds.toFixed(1)} s; the server made ${changes} changes in all`,
);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
