import { describe, expect, it } from 'vitest';
import { projectFromDraft, pointIdOf, type DraftIed } from './draft';
import { validateProject } from './load';

const ied: DraftIed = {
  id: 'F7',
  name: 'F7',
  host: '127.0.0.1',
  port: 102,
  points: [
    { ref: 'F7CTRL/Q0XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', covers: [
      { rcb: 'F7LD0/LLN0.urcbStatus', buffered: false, dataSet: 'F7LD0/LLN0.dsStatus', intgPd: 0 },
      { rcb: 'F7LD0/LLN0.brcbStatus', buffered: true, dataSet: 'F7LD0/LLN0.dsStatus', confRev: 3, intgPd: 5000 },
    ] },
    { ref: 'F7MEAS/MMXU1.TotW.mag.f', fc: 'MX', type: 'float32', covers: [] },
    { ref: 'F7LD0/LLN0.Mod.stVal', fc: 'ST', type: 'enum', enumNames: { '1': 'on', '3': 'test' }, covers: [] },
    { ref: 'F7PROT/LLN0.Mod.stVal', fc: 'ST', type: 'enum', covers: [] },
  ],
};

describe('projectFromDraft', () => {
  it('makes a valid project: a BRCB before a URCB, one plan per RCB used, the rest polled', () => {
    const project = validateProject(projectFromDraft('Feeder 7', [ied]));
    expect(project.ieds[0]?.reports).toEqual([
      { id: 'brcbStatus', rcb: 'F7LD0/LLN0.brcbStatus', buffered: true, dataSet: 'F7LD0/LLN0.dsStatus', confRev: 3, trgOps: ['dchg', 'qchg', 'integrity', 'gi'], integrityMs: 5000 },
    ]);
    expect(project.points.map((p) => [p.id, p.source, p.report ?? null])).toEqual([
      ['CTRL_Q0XCBR1_Pos_stVal', 'report', 'brcbStatus'],
      ['MEAS_MMXU1_TotW_mag_f', 'poll', null],
      ['LD0_LLN0_Mod_stVal', 'poll', null],
      ['PROT_LLN0_Mod_stVal', 'poll', null],
    ]);
    expect(project.points[2]?.enumNames).toEqual({ '1': 'on', '3': 'test' });
    expect(project.ieds[0]?.pollGroups).toEqual([{ id: 'default', periodMs: 1000 }]);
    expect(project.mqtt.enabled).toBe(true);
  });

  it('gives each point an id unique in its IED', () => {
    const taken = new Set<string>();
    expect(['A/LN1.X.stVal', 'A/LN1.X.stVal', 'B/LN1.X.stVal'].map((r) => pointIdOf(r, taken))).toEqual(['LN1_X_stVal', 'LN1_X_stVal_2', 'LN1_X_stVal_3']);
    expect(pointIdOf('IEDCTRL/LN1.X.stVal', taken, { iedName: 'IED' })).toBe('CTRL_LN1_X_stVal');
  });
});
