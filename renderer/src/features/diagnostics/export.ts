import type { DecodedNode, LogEntry, TrafficRecordDto } from '../../../../core/contract';

/** The octets of a record's hex, 16 to a row (the hex dump's rows). */
export function hexRows(hex: string): { offset: number; bytes: number[] }[] {
  const bytes: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) bytes.push(parseInt(hex.slice(i, i + 2), 16));
  const rows: { offset: number; bytes: number[] }[] = [];
  for (let at = 0; at < bytes.length; at += 16) rows.push({ offset: at, bytes: bytes.slice(at, at + 16) });
  return rows;
}

export const hexByte = (b: number): string => b.toString(16).padStart(2, '0');
export const printable = (b: number): string => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.');

/** `0000  03 00 00 6a …  ...j` lines. */
export function hexdumpLines(hex: string): string[] {
  return hexRows(hex).map(
    (r) => `${r.offset.toString(16).padStart(4, '0')}  ${r.bytes.map(hexByte).join(' ').padEnd(47)}  ${r.bytes.map(printable).join('')}`,
  );
}

/** `label = value`, as the tree shows a node. */
function nodeText(node: DecodedNode): string {
  return node.value === undefined ? node.label : `${node.label} = ${node.value}`;
}

function treeLines(nodes: readonly DecodedNode[], depth: number, out: string[]): void {
  for (const n of nodes) {
    out.push(`${'  '.repeat(depth)}${nodeText(n)}`);
    if (n.children) treeLines(n.children, depth + 1, out);
  }
}

/** One PDU as the list row says it: `#12 18:41:45.992 sent invoke 7 confirmed-request #7 read …`. */
function pduLine(r: TrafficRecordDto): string {
  const invoke = r.invokeId === undefined ? '' : ` invoke ${r.invokeId}`;
  return `#${r.seq} ${r.time} ${r.direction}${invoke} ${r.length} octets: ${r.summary}`;
}

/**
 * The traffic viewer's export: a header, then per PDU its line, its problem if any, its hex dump and
 * its decoded tree with every layer expanded.
 */
export function trafficText(ied: string, records: readonly TrafficRecordDto[], exportedAt: string): string {
  const out = [`RelayGate MMS traffic of IED ${ied}, ${records.length} PDUs, exported ${exportedAt}`, ''];
  for (const r of records) {
    out.push(pduLine(r));
    if (r.problem) out.push(`problem: ${r.problem}`);
    out.push(r.framed ? 'frame (TPKT to MMS):' : 'MMS PDU (the ISO layers were not captured):');
    out.push(...hexdumpLines(r.hex).map((l) => `  ${l}`));
    if (r.hex.length / 2 < r.length) out.push(`  … ${r.length - r.hex.length / 2} more octets not kept by the tap`);
    out.push('decoded:');
    treeLines(r.tree, 1, out);
    out.push('');
  }
  return out.join('\n');
}

/** The event log's export: one tab-separated line per entry, oldest first, with a header line. */
export function logText(entries: readonly LogEntry[]): string {
  const lines = ['seq\ttime\tlevel\tsource\tmessage'];
  for (const e of entries) lines.push([e.seq, e.time, e.level, e.source, e.message.replace(/[\t\n]/g, ' ')].join('\t'));
  return `${lines.join('\n')}\n`;
}
