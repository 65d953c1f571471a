import ModbusRTU from 'modbus-serial';
import type { ModbusArea } from '../contract';
import { errorMessage } from '../shared';
import type { RegisterReads } from './modbus-check';

/** A run of addresses to read in one area. */
export interface Span {
  readonly area: ModbusArea;
  readonly address: number;
  readonly count: number;
}

/** The protocol limits of one read request (Modbus Application Protocol §6.1-6.4). */
const MAX_REGISTERS = 125;
const MAX_BITS = 2000;

const isBits = (area: ModbusArea): boolean => area === 'coil' || area === 'discrete';

/** Spans merged into requests: touching or overlapping runs of one area, within the protocol limits. */
export function planRequests(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  const byArea = new Map<ModbusArea, Span[]>();
  for (const s of spans) {
    const list = byArea.get(s.area);
    if (list) list.push(s);
    else byArea.set(s.area, [s]);
  }
  for (const [area, list] of byArea) {
    const max = isBits(area) ? MAX_BITS : MAX_REGISTERS;
    const sorted = [...list].sort((a, b) => a.address - b.address);
    let cur: { address: number; end: number } | null = null;
    for (const s of sorted) {
      const end = s.address + s.count;
      if (cur && s.address <= cur.end && Math.max(cur.end, end) - cur.address <= max) cur.end = Math.max(cur.end, end);
      else {
        if (cur) out.push({ area, address: cur.address, count: cur.end - cur.address });
        cur = { address: s.address, end };
      }
    }
    if (cur) out.push({ area, address: cur.address, count: cur.end - cur.address });
  }
  return out;
}

/** What one read round got: each address's word (or bit), or the exception that refused it. */
export class Snapshot implements RegisterReads {
  /** When the last answer arrived (performance.now()). */
  at = 0;
  readonly values = new Map<string, number>();
  readonly refused = new Map<string, string>();

  words(area: ModbusArea, address: number, count: number): readonly number[] | string {
    const out: number[] = [];
    for (let a = address; a < address + count; a++) {
      const why = this.refused.get(`${area}:${a}`);
      if (why !== undefined) return why;
      const v = this.values.get(`${area}:${a}`);
      if (v === undefined) return 'not read';
      out.push(v);
    }
    return out;
  }
}

/**
 * An independent Modbus TCP client (modbus-serial, not RelayGate's server code) reading what a SCADA
 * master would: FC 01-04 over 127.0.0.1. A request refused with an exception is read again span by span,
 * so one wrong address does not hide its neighbours.
 */
export class ModbusReader {
  private constructor(private readonly client: ModbusRTU) {}

  static async connect(host: string, port: number, unitId: number, timeoutMs = 3000): Promise<ModbusReader> {
    const client = new ModbusRTU();
    await client.connectTCP(host, { port });
    client.setID(unitId);
    client.setTimeout(timeoutMs);
    return new ModbusReader(client);
  }

  async read(spans: readonly Span[]): Promise<Snapshot> {
    const snap = new Snapshot();
    for (const req of planRequests(spans)) {
      const got = await this.request(req);
      if (typeof got !== 'string') {
        got.forEach((v, i) => snap.values.set(`${req.area}:${req.address + i}`, v));
        continue;
      }
      const inside = spans.filter((s) => s.area === req.area && s.address >= req.address && s.address + s.count <= req.address + req.count);
      for (const s of inside.length > 1 ? inside : []) {
        const one = await this.request(s);
        for (let i = 0; i < s.count; i++) {
          if (typeof one === 'string') snap.refused.set(`${s.area}:${s.address + i}`, one);
          else snap.values.set(`${s.area}:${s.address + i}`, one[i] ?? 0);
        }
      }
      if (inside.length <= 1) for (let i = 0; i < req.count; i++) snap.refused.set(`${req.area}:${req.address + i}`, got);
    }
    snap.at = performance.now();
    return snap;
  }

  private async request(s: Span): Promise<number[] | string> {
    try {
      switch (s.area) {
        case 'coil':
          return (await this.client.readCoils(s.address, s.count)).data.slice(0, s.count).map(Number);
        case 'discrete':
          return (await this.client.readDiscreteInputs(s.address, s.count)).data.slice(0, s.count).map(Number);
        case 'input':
          return (await this.client.readInputRegisters(s.address, s.count)).data;
        case 'holding':
          return (await this.client.readHoldingRegisters(s.address, s.count)).data;
      }
    } catch (err) {
      const code = (err as { modbusCode?: number }).modbusCode;
      return code !== undefined ? `exception ${String(code).padStart(2, '0')} (${EXCEPTIONS[code] ?? 'unknown'})` : `no answer: ${errorMessage(err)}`;
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.client.close(() => resolve()));
  }
}

const EXCEPTIONS: Record<number, string> = {
  1: 'illegal function',
  2: 'illegal data address',
  3: 'illegal data value',
  4: 'server device failure',
  11: 'gateway target device failed to respond',
};
