import { ProjectSchema, type PointConfig, type Project, type ProjectInput } from '../../contract';
import { bundledModelPath, FEEDER_RELAY_MODEL } from '../../sim';

/** The shipped feeder relay (IED FDR1), as the simulator serves it. */
export const FEEDER_SCL = bundledModelPath(FEEDER_RELAY_MODEL);

type PointInput = ProjectInput['points'][number];

const p = (id: string, ref: string, fc: string, type: string, extra: Partial<PointInput> = {}): PointInput =>
  ({ id, ied: 'FDR1', ref, fc, type, source: 'poll', ...extra }) as PointInput;

/** A small project against the feeder relay: two report plans (BRCB status, BRCB protection) and polled measurements. */
export function feederProject(port: number, overrides: { pollMs?: number; retryMs?: number } = {}): Project {
  const points: PointInput[] = [
    p('cb_pos', 'FDR1CTRL/Q0XCBR1.Pos.stVal', 'ST', 'dbpos', { source: 'report', report: 'status' }),
    p('q1_pos', 'FDR1CTRL/Q1XSWI1.Pos.stVal', 'ST', 'dbpos', { source: 'report', report: 'status' }),
    p('alm1', 'FDR1LD0/GGIO1.Alm1.stVal', 'ST', 'boolean', { source: 'report', report: 'status' }),
    p('i1_op', 'FDR1PROT/PTOC1.Op.general', 'ST', 'boolean', { source: 'report', report: 'prot' }),
    p('trip', 'FDR1PROT/PTRC1.Tr.general', 'ST', 'boolean', { source: 'report', report: 'prot' }),
    p('p_mw', 'FDR1MEAS/MMXU1.TotW.mag.f', 'MX', 'float32'),
    p('ia', 'FDR1MEAS/MMXU1.A.phsA.cVal.mag.f', 'MX', 'float32'),
    p('hz', 'FDR1MEAS/MMXU1.Hz.mag.f', 'MX', 'float32'),
    p('ld0_mod', 'FDR1LD0/LLN0.Mod.stVal', 'ST', 'enum'),
    p('ind1', 'FDR1LD0/GGIO1.Ind1.stVal', 'ST', 'boolean'),
  ];
  return ProjectSchema.parse({
    schemaVersion: 1,
    name: 'feeder test',
    ieds: [
      {
        id: 'FDR1',
        host: '127.0.0.1',
        port,
        pollGroups: [{ id: 'default', periodMs: overrides.pollMs ?? 500 }],
        reports: [
          { id: 'status', rcb: 'FDR1LD0/LLN0.brcbStatus', buffered: true, dataSet: 'FDR1LD0/LLN0.dsStatus', confRev: 1, integrityMs: 0, bufTimeMs: 0 },
          { id: 'prot', rcb: 'FDR1LD0/LLN0.brcbProt', buffered: true, dataSet: 'FDR1LD0/LLN0.dsProt', confRev: 1, integrityMs: 0, bufTimeMs: 0 },
        ],
      },
    ],
    points,
  });
}

export function pointOf(project: Project, id: string): PointConfig {
  const found = project.points.find((x) => x.id === id);
  if (!found) throw new Error(`no point ${id}`);
  return found;
}
