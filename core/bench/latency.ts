import { ProjectSchema, type Project, type ProjectInput } from '../contract';

/**
 * What the report-latency benchmarks share: the project of one point delivered by report, and the
 * summary of the samples.
 */

/**
 * One point, `FDR1PROT/PTOC1.Op.general` of the simulated feeder relay, by report from the BRCB
 * brcbProt with BufTm 0 (the plan writes it); polls every 60 s, so only the report carries a change.
 * `outputs` sets the project's Modbus and MQTT (and the point's Modbus mapping).
 */
export function latencyProject(simPort: number, outputs: Pick<ProjectInput, 'modbus' | 'mqtt'> & { pointModbus?: ProjectInput['points'][number]['modbus'] }): Project {
  return ProjectSchema.parse({
    schemaVersion: 1,
    name: 'latency bench',
    ieds: [
      {
        id: 'FDR1',
        host: '127.0.0.1',
        port: simPort,
        pollGroups: [{ id: 'default', periodMs: 60_000 }],
        reports: [{ id: 'prot', rcb: 'FDR1LD0/LLN0.brcbProt', buffered: true, dataSet: 'FDR1LD0/LLN0.dsProt', integrityMs: 0, bufTimeMs: 0 }],
      },
    ],
    points: [
      {
        id: 'op',
        ied: 'FDR1',
        ref: 'FDR1PROT/PTOC1.Op.general',
        fc: 'ST',
        type: 'boolean',
        source: 'report',
        report: 'prot',
        ...(outputs.pointModbus ? { modbus: outputs.pointModbus } : {}),
      },
    ],
    modbus: outputs.modbus,
    mqtt: outputs.mqtt,
  });
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (ms: number): number => Math.round(ms * 100) / 100;

export function latencySummary(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1) ?? NaN) };
}
