import { describe, expect, it } from 'vitest';
import type { SclIedDto } from '../../../../core/contract';
import { coverageSummary, draftIed, tierCounts, withTier } from './drafts';
import { ModelTree, pointKey } from './tree-model';

const child = (kind: 'DO' | 'SDO' | 'DA' | 'BDA', name: string, extra: Partial<SclIedDto['model']['lnTypes'][number]['dataObjects'][number]> = {}) => ({
  kind, name, type: null, bType: null, typeId: null, fc: null, count: null, resolved: true, ...extra,
});

/** A small IED: LD0 with LLN0 (Mod) and XCBR1 (Pos), a data set of Pos reported by a BRCB. */
const DTO: SclIedDto = {
  overview: { name: 'R1', accessPoints: [{ name: 'S1', ip: '10.0.0.5' }], counts: { logicalDevices: 1, logicalNodes: 2, dataSets: 1, reportControls: 1, reportInstances: 2, leaves: 6 } },
  model: {
    logicalDevices: [
      {
        name: 'R1LD0', inst: 'LD0', desc: null,
        logicalNodes: [
          { name: 'LLN0', prefix: '', lnClass: 'LLN0', inst: '', desc: null, lnType: 'T_LLN0', resolved: true },
          { name: 'XCBR1', prefix: '', lnClass: 'XCBR', inst: '1', desc: 'breaker', lnType: 'T_XCBR', resolved: true },
        ],
      },
    ],
    lnTypes: [
      { id: 'T_LLN0', lnClass: 'LLN0', leafCount: 3, dataObjects: [child('DO', 'Mod', { typeId: 'T_ENC' })] },
      { id: 'T_XCBR', lnClass: 'XCBR', leafCount: 3, dataObjects: [child('DO', 'Pos', { typeId: 'T_DPC' })] },
    ],
    doTypes: [
      { id: 'T_ENC', cdc: 'ENC', leafCount: 3, children: [child('DA', 'stVal', { type: 'enum', bType: 'Enum', typeId: 'Beh', fc: 'ST' }), child('DA', 'q', { type: 'quality', bType: 'Quality', fc: 'ST' }), child('DA', 'ctlModel', { type: 'enum', bType: 'Enum', typeId: 'Ctl', fc: 'CF' })] },
      { id: 'T_DPC', cdc: 'DPC', leafCount: 3, children: [child('DA', 'stVal', { type: 'dbpos', bType: 'Dbpos', fc: 'ST' }), child('DA', 'q', { type: 'quality', bType: 'Quality', fc: 'ST' }), child('DA', 'origin', { type: 'struct', bType: 'Struct', typeId: 'T_Orig', fc: 'ST' })] },
    ],
    daTypes: [{ id: 'T_Orig', leafCount: 1, children: [child('BDA', 'orCat', { type: 'enum', bType: 'Enum', typeId: 'Cat' })] }],
    enumTypes: [
      { id: 'Beh', values: [{ ord: 1, name: 'on' }, { ord: 3, name: 'test' }] },
      { id: 'Cat', values: [{ ord: 0, name: 'not-supported' }] },
      { id: 'Ctl', values: [{ ord: 0, name: 'status-only' }] },
    ],
  },
  dataSets: [{ ref: 'R1LD0/LLN0.dsPos', desc: null, members: [{ ref: 'R1LD0/XCBR1.Pos[ST]', fc: 'ST', resolved: true, problem: null }] }],
  reportControls: [{ id: 'R1LD0/LLN0.brcbA', buffered: true, rptId: 'A', dataSet: 'R1LD0/LLN0.dsPos', instances: ['brcbA01', 'brcbA02'], trgOps: ['dchg', 'qchg', 'gi'], intgPd: 0 }],
  points: [
    { ref: 'R1LD0/LLN0.Mod.stVal', fc: 'ST', type: 'enum', tier: 'essential', reason: 'mode', category: 'health', coverage: { mode: 'poll', reason: 'in no data set', dataSets: [] } },
    {
      ref: 'R1LD0/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', tier: 'essential', reason: 'breaker position', category: 'position',
      coverage: { mode: 'report', reason: 'reported', dataSets: [{ ref: 'R1LD0/LLN0.dsPos', member: 'R1LD0/XCBR1.Pos[ST]', reportControls: [{ id: 'R1LD0/LLN0.brcbA', onChange: true }] }] },
    },
    {
      ref: 'R1LD0/XCBR1.Pos.origin.orCat', fc: 'ST', type: 'enum', tier: 'station', reason: 'in data set', category: 'position',
      coverage: { mode: 'report', reason: 'reported', dataSets: [{ ref: 'R1LD0/LLN0.dsPos', member: 'R1LD0/XCBR1.Pos[ST]', reportControls: [{ id: 'R1LD0/LLN0.brcbA', onChange: true }] }] },
    },
  ],
  warnings: [],
};

describe('the model tree', () => {
  const tree = new ModelTree(DTO.model);

  it('expands LD → LN → DO → DA → BDA lazily, with FC and type on the leaves', () => {
    const rows = tree.visible(new Set(['R1LD0', 'R1LD0/XCBR1', 'R1LD0/XCBR1.Pos', 'R1LD0/XCBR1.Pos.origin']));
    expect(rows.map((r) => `${'  '.repeat(r.depth)}${r.node.kind} ${r.node.name}${r.node.fc ? ` ${r.node.fc}` : ''}${r.node.type ? ` ${r.node.type}` : ''}`)).toEqual([
      'LD R1LD0',
      '  LN LLN0',
      '  LN XCBR1',
      '    DO Pos',
      '      DA stVal ST dbpos',
      '      DA q ST quality',
      '      DA origin ST struct',
      '        BDA orCat ST enum',
    ]);
    expect(rows[4]?.node.leafKey).toBe('R1LD0/XCBR1.Pos.stVal[ST]');
    expect(rows[7]?.node.leafKey).toBe('R1LD0/XCBR1.Pos.origin.orCat[ST]');
  });

  it('searches leaves by every word, with an FC filter', () => {
    expect(tree.search('xcbr stval', null).rows.map((n) => n.leafKey)).toEqual(['R1LD0/XCBR1.Pos.stVal[ST]']);
    expect(tree.search('Mod', new Set(['CF'])).rows.map((n) => n.leafKey)).toEqual(['R1LD0/LLN0.Mod.ctlModel[CF]']);
    expect(tree.search('', new Set(['ST', 'MX'])).total).toBe(5);
  });

  it('finds the SCL EnumType names of an enum leaf', () => {
    expect(tree.enumNames('R1LD0/LLN0.Mod.stVal', 'ST')).toEqual({ '1': 'on', '3': 'test' });
    expect(tree.enumNames('R1LD0/XCBR1.Pos.stVal', 'ST')).toBeUndefined();
  });
});

describe('the wizard selection', () => {
  const essential = new Set(DTO.points.filter((p) => p.tier === 'essential').map(pointKey));

  it('counts tiers, adds a tier, and says how the selection is updated', () => {
    expect(tierCounts(DTO.points, essential)).toMatchObject({ essential: { total: 2, selected: 2 }, station: { total: 1, selected: 0 } });
    const all = withTier(DTO.points, essential, 'station');
    expect(all.size).toBe(3);
    expect(coverageSummary(DTO.points, essential)).toEqual({ report: 1, poll: 1, rcbs: ['R1LD0/LLN0.brcbA'] });
  });

  it('makes the addIeds draft: covers from the RCB list, enum names from the SCL, the address given', () => {
    const draft = draftIed({ dto: DTO, tree: new ModelTree(DTO.model), selected: essential, host: '127.0.0.1', port: 10102, origin: { scl: 'r1.cid', ied: 'R1' } }, 'R1', { env: 'R1_PASSWORD' });
    expect(draft).toEqual({
      id: 'R1',
      name: 'R1',
      host: '127.0.0.1',
      port: 10102,
      password: { env: 'R1_PASSWORD' },
      origin: { scl: 'r1.cid', ied: 'R1' },
      points: [
        { ref: 'R1LD0/LLN0.Mod.stVal', fc: 'ST', type: 'enum', covers: [], enumNames: { '1': 'on', '3': 'test' } },
        { ref: 'R1LD0/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', covers: [{ rcb: 'R1LD0/LLN0.brcbA', buffered: true, dataSet: 'R1LD0/LLN0.dsPos', intgPd: 0 }] },
      ],
    });
  });
});
