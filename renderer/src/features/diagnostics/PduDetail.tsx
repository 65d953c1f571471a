import { useState } from 'react';
import type { DecodedNode, TrafficRecordDto } from '../../../../core/contract';
import { hexByte, hexRows, printable } from './export';

interface Span {
  offset: number;
  length: number;
}

/** The selected PDU: its hex dump (the selected node's octets marked) and its decoded tree. */
export function PduDetail({ record }: { record: TrafficRecordDto }) {
  const [span, setSpan] = useState<Span | null>(null);
  const kept = record.hex.length / 2;
  return (
    <section className="pdu-detail" aria-label={`PDU #${record.seq}`}>
      <h2 className="pdu-title">
        #{record.seq} {record.direction === 'sent' ? 'sent' : 'received'}
        {record.invokeId === undefined ? '' : ` · invoke ${record.invokeId}`} · {record.length} octets
      </h2>
      <p className="mono pdu-summary">{record.summary}</p>
      {record.problem ? <p className="error-text">Problem: {record.problem}</p> : null}
      <h3>Decoded</h3>
      <ul className="decoded" aria-label="Decoded PDU">
        {record.tree.map((node, i) => (
          <TreeNode key={`${record.seq}-${i}`} node={node} onPick={setSpan} />
        ))}
      </ul>
      <h3>
        {record.framed ? 'Frame (TPKT to MMS)' : 'MMS PDU (the ISO layers were not captured)'}
        {kept < record.length ? <span className="muted"> · first {kept} of {record.length} octets</span> : null}
      </h3>
      <HexDump hex={record.hex} span={span} />
    </section>
  );
}

function TreeNode({ node, onPick }: { node: DecodedNode; onPick: (span: Span | null) => void }) {
  const span = node.offset !== undefined && node.length !== undefined ? { offset: node.offset, length: node.length } : null;
  const text = (
    <>
      <span className="node-label">{node.label}</span>
      {node.value !== undefined ? <span className="node-value"> = {node.value}</span> : null}
      {span ? <span className="node-span muted"> [{span.offset}..{span.offset + span.length - 1}]</span> : null}
    </>
  );
  if (!node.children?.length) {
    return (
      <li className="leaf" tabIndex={span ? 0 : undefined} onFocus={() => onPick(span)} onClick={() => onPick(span)}>
        {text}
      </li>
    );
  }
  return (
    <li>
      <details open={!node.collapsed}>
        <summary onFocus={() => onPick(span)} onClick={() => onPick(span)}>
          {text}
        </summary>
        <ul>
          {node.children.map((child, i) => (
            <TreeNode key={i} node={child} onPick={onPick} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** Offset, 16 octets in hex, the same as text; the octets of `span` marked. */
function HexDump({ hex, span }: { hex: string; span: Span | null }) {
  const marked = (at: number) => span !== null && at >= span.offset && at < span.offset + span.length;
  return (
    <pre className="hexdump" aria-label="Hex dump" tabIndex={0}>
      {hexRows(hex).map((row) => (
        <div key={row.offset}>
          <span className="muted">{row.offset.toString(16).padStart(4, '0')}</span>
          {'  '}
          {row.bytes.map((b, i) => (
            <span key={i} className={marked(row.offset + i) ? 'hl' : undefined}>
              {hexByte(b)}
              {i < row.bytes.length - 1 ? ' ' : ''}
            </span>
          ))}
          {' '.repeat((16 - row.bytes.length) * 3)}
          {'  '}
          {row.bytes.map((b, i) => (
            <span key={i} className={marked(row.offset + i) ? 'hl' : undefined}>
              {printable(b)}
            </span>
          ))}
        </div>
      ))}
    </pre>
  );
}
