import { optFldsToBits, trgOpsToBits, type OptField } from '../../iec61850';
import {
  encodeInformationReport,
  serviceErrorByName,
  type AccessResult,
  type MmsTypeSpec,
  type MmsValue,
} from '../../mms';
import type { PeerScript, PeerSession } from './hostile-peer';

/** The one RCB the script serves, and its data set. */
export const RCB = {
  domain: 'LD0',
  item: 'LLN0$RP$urcbA01',
  ref: 'LD0/LLN0.urcbA01',
  rptId: 'RPT1',
} as const;
const DATA_SET = 'LLN0$DS1';

const VIS129: MmsTypeSpec = { type: 'visible-string', size: 129 };
const U32: MmsTypeSpec = { type: 'unsigned', bits: 32 };
const BOOL: MmsTypeSpec = { type: 'boolean' };
const URCB_TYPE: MmsTypeSpec = {
  type: 'structure',
  packed: false,
  components: (
    [
      ['RptID', VIS129],
      ['RptEna', BOOL],
      ['Resv', BOOL],
      ['DatSet', VIS129],
      ['ConfRev', U32],
      ['OptFlds', { type: 'bit-string', size: 10 }],
      ['BufTm', U32],
      ['SqNum', { type: 'unsigned', bits: 8 }],
      ['TrgOps', { type: 'bit-string', size: 6 }],
      ['IntgPd', U32],
      ['GI', BOOL],
    ] as const
  ).map(([name, spec]) => ({ name, spec })),
};

function urcbValue(): MmsValue {
  const b = (value: boolean): MmsValue => ({ type: 'boolean', value });
  const u = (value: number): MmsValue => ({ type: 'unsigned', value });
  return {
    type: 'structure',
    members: [
      { type: 'visible-string', value: RCB.rptId },
      b(false),
      b(false),
      { type: 'visible-string', value: `${RCB.domain}/${DATA_SET}` },
      u(1),
      { type: 'bit-string', ...optFldsToBits(['seqNum']) },
      u(0),
      u(0),
      { type: 'bit-string', ...trgOpsToBits(['dchg']) },
      u(0),
      b(false),
    ],
  };
}

/** The data set's members: `GGIO1$ST$Ind<i>$stVal`, booleans. */
export function memberItem(i: number): string {
  return `GGIO1$ST$Ind${i}$stVal`;
}

/**
 * An IED with one URCB over a data set of `members` booleans, scripted just far enough for `watch`
 * to find, read, reserve and enable it. Once RptEna is written true, `onEnabled` takes over the
 * association (typically to flood it).
 */
export function rcbScript(members: number, onEnabled: (session: PeerSession) => void): PeerScript {
  return {
    reply: (r, session) => {
      switch (r.service) {
        case 'getVariableAccessAttributes':
          if (r.name.scope === 'domain' && r.name.item === RCB.item)
            return { service: 'getVariableAccessAttributes', mmsDeletable: false, typeSpec: URCB_TYPE };
          if (r.name.scope === 'domain' && r.name.item.startsWith('GGIO1$ST$Ind'))
            return { service: 'getVariableAccessAttributes', mmsDeletable: false, typeSpec: BOOL };
          return { error: serviceErrorByName('access/object-non-existent') };
        case 'read':
          return { service: 'read', results: [{ ok: true, value: urcbValue() }] };
        case 'getNamedVariableListAttributes':
          return {
            service: 'getNamedVariableListAttributes',
            mmsDeletable: false,
            variables: Array.from({ length: members }, (_, i) => ({
              scope: 'domain' as const,
              domain: RCB.domain,
              item: memberItem(i),
            })),
          };
        case 'write': {
          const [name] = r.access.kind === 'list' ? r.access.variables : [];
          const [value] = r.values;
          if (name?.item === `${RCB.item}$RptEna` && value?.type === 'boolean' && value.value)
            onEnabled(session);
          return { service: 'write', results: r.values.map(() => ({ ok: true as const })) };
        }
        default:
          return { error: serviceErrorByName('service/object-constraint-conflict') };
      }
    },
  };
}

/** One report of this RCB: SeqNum, optionally SubSeqNum/MoreSegmentsFollow, and the included members. */
export function rcbReport(
  members: number,
  seqNum: number,
  included: readonly number[],
  segment?: { sub: number; more: boolean },
  inclusionBits = members,
): Uint8Array {
  const fields: OptField[] = segment ? ['seqNum', 'segmentation'] : ['seqNum'];
  const inclusion = new Uint8Array(Math.ceil(inclusionBits / 8));
  for (const i of included) inclusion[i >> 3] = (inclusion[i >> 3] ?? 0) | (0x80 >> (i & 7));
  const results: AccessResult[] = [
    { ok: true, value: { type: 'visible-string', value: RCB.rptId } },
    { ok: true, value: { type: 'bit-string', ...optFldsToBits(fields) } },
    { ok: true, value: { type: 'unsigned', value: seqNum } },
  ];
  if (segment) {
    results.push({ ok: true, value: { type: 'unsigned', value: segment.sub } });
    results.push({ ok: true, value: { type: 'boolean', value: segment.more } });
  }
  results.push({ ok: true, value: { type: 'bit-string', bitLength: inclusionBits, bytes: inclusion } });
  for (const i of included) results.push({ ok: true, value: { type: 'boolean', value: i % 2 === 0 } });
  return encodeInformationReport({
    access: { kind: 'named-list', name: { scope: 'vmd', item: 'RPT' } },
    results,
  });
}
