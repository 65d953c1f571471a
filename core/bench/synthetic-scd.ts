/**
 * A synthetic but realistic SCD for the SCL import benchmark: N feeder-protection IEDs, each with its
 * own prefixed DataTypeTemplates (as merged SCDs carry one template set per vendor ICD), DOI/SDI/DAI
 * with descriptions, units and sAddr on every measured value, data sets and indexed URCB/BRCBs, and a
 * SubNetwork with one ConnectedAP per IED. Each IED resolves to about 10,000 leaves and ~1 MB of XML.
 */

export const ENUMS: Record<string, string[]> = {
  Beh: ['on', 'blocked', 'test', 'test/blocked', 'off'],
  Health: ['Ok', 'Warning', 'Alarm'],
  CtlModel: ['status-only', 'direct-with-normal-security', 'sbo-with-normal-security', 'direct-with-enhanced-security', 'sbo-with-enhanced-security'],
  Dir: ['unknown', 'forward', 'backward', 'both'],
  OrCat: ['not-supported', 'bay-control', 'station-control', 'remote-control', 'automatic-bay', 'automatic-station', 'automatic-remote', 'maintenance', 'process'],
  SIUnit: ['', 'm', 'kg', 's', 'A', 'K', 'mol', 'cd', 'deg', 'rad', 'sr', 'Gy', 'Bq', '°C', 'Sv', 'F', 'C', 'S', 'H', 'V', 'ohm', 'J', 'N', 'Hz', 'lx', 'Lm', 'Wb', 'T', 'W', 'Pa', 'VA', 'VAr', 'PF'],
  Multiplier: ['m', 'k', 'M', ''],
};
// SIUnit and multiplier ordinals of IEC 61850-7-3 for the units used here.
const ORD: Record<string, Record<string, number>> = {
  SIUnit: { '': 1, m: 2, kg: 3, s: 4, A: 5, K: 6, mol: 7, cd: 8, deg: 9, rad: 10, sr: 11, Gy: 21, Bq: 22, '°C': 23, Sv: 24, F: 25, C: 26, S: 27, H: 28, V: 29, ohm: 30, J: 31, N: 32, Hz: 33, lx: 34, Lm: 35, Wb: 36, T: 37, W: 38, Pa: 39, VA: 61, VAr: 63, PF: 64 },
  Multiplier: { m: -3, k: 3, M: 6, '': 0 },
};

export type Da = [name: string, bType: string, fc: string, type?: string, trg?: string];
export type Sdo = [name: string, type: string];

export const DA_TYPES: Record<string, [string, string, string?][]> = {
  AnalogueValue: [['f', 'FLOAT32']],
  Vector: [['mag', 'Struct', 'AnalogueValue'], ['ang', 'Struct', 'AnalogueValue']],
  Unit: [['SIUnit', 'Enum', 'SIUnit'], ['multiplier', 'Enum', 'Multiplier']],
  Originator: [['orCat', 'Enum', 'OrCat'], ['orIdent', 'Octet64']],
  Oper: [['ctlVal', 'BOOLEAN'], ['origin', 'Struct', 'Originator'], ['ctlNum', 'INT8U'], ['T', 'Timestamp'], ['Test', 'BOOLEAN'], ['Check', 'Check']],
};

export const STATUS: Da[] = [['q', 'Quality', 'ST', undefined, 'qchg'], ['t', 'Timestamp', 'ST']];
export const DO_TYPES: Record<string, { cdc: string; das: Da[]; sdos?: Sdo[] }> = {
  ENC: { cdc: 'ENC', das: [['stVal', 'Enum', 'ST', 'Beh', 'dchg'], ...STATUS, ['ctlModel', 'Enum', 'CF', 'CtlModel'], ['d', 'VisString255', 'DC']] },
  ENS_Beh: { cdc: 'ENS', das: [['stVal', 'Enum', 'ST', 'Beh', 'dchg'], ...STATUS, ['d', 'VisString255', 'DC']] },
  ENS_Health: { cdc: 'ENS', das: [['stVal', 'Enum', 'ST', 'Health', 'dchg'], ...STATUS, ['d', 'VisString255', 'DC']] },
  SPS: { cdc: 'SPS', das: [['stVal', 'BOOLEAN', 'ST', undefined, 'dchg'], ...STATUS, ['d', 'VisString255', 'DC']] },
  DPC: {
    cdc: 'DPC',
    das: [['Oper', 'Struct', 'CO', 'Oper'], ['stVal', 'Dbpos', 'ST', undefined, 'dchg'], ...STATUS, ['ctlModel', 'Enum', 'CF', 'CtlModel'], ['d', 'VisString255', 'DC']],
  },
  INS: { cdc: 'INS', das: [['stVal', 'INT32', 'ST', undefined, 'dchg'], ...STATUS] },
  ACT: { cdc: 'ACT', das: [['general', 'BOOLEAN', 'ST', undefined, 'dchg'], ['phsA', 'BOOLEAN', 'ST', undefined, 'dchg'], ['phsB', 'BOOLEAN', 'ST', undefined, 'dchg'], ['phsC', 'BOOLEAN', 'ST', undefined, 'dchg'], ...STATUS] },
  ACD: {
    cdc: 'ACD',
    das: [['general', 'BOOLEAN', 'ST', undefined, 'dchg'], ['dirGeneral', 'Enum', 'ST', 'Dir', 'dchg'], ['phsA', 'BOOLEAN', 'ST', undefined, 'dchg'], ['dirPhsA', 'Enum', 'ST', 'Dir', 'dchg'], ...STATUS],
  },
  ASG: { cdc: 'ASG', das: [['setMag', 'Struct', 'SP', 'AnalogueValue'], ['units', 'Struct', 'CF', 'Unit'], ['d', 'VisString255', 'DC']] },
  MV: { cdc: 'MV', das: [['mag', 'Struct', 'MX', 'AnalogueValue', 'dchg'], ['q', 'Quality', 'MX', undefined, 'qchg'], ['t', 'Timestamp', 'MX'], ['units', 'Struct', 'CF', 'Unit'], ['db', 'INT32U', 'CF'], ['d', 'VisString255', 'DC']] },
  CMV: {
    cdc: 'CMV',
    das: [['cVal', 'Struct', 'MX', 'Vector', 'dchg'], ['q', 'Quality', 'MX', undefined, 'qchg'], ['t', 'Timestamp', 'MX'], ['units', 'Struct', 'CF', 'Unit'], ['db', 'INT32U', 'CF'], ['zeroDb', 'INT32U', 'CF']],
  },
  WYE: { cdc: 'WYE', das: [['d', 'VisString255', 'DC']], sdos: ['phsA', 'phsB', 'phsC', 'neut', 'net', 'res'].map((p) => [p, 'CMV'] as Sdo) },
  DEL: { cdc: 'DEL', das: [['d', 'VisString255', 'DC']], sdos: ['phsAB', 'phsBC', 'phsCA'].map((p) => [p, 'CMV'] as Sdo) },
  SEQ: { cdc: 'SEQ', das: [['seqT', 'Enum', 'MX', 'Dir']], sdos: ['c1', 'c2', 'c3'].map((p) => [p, 'CMV'] as Sdo) },
};

export const COMMON = [['Mod', 'ENC'], ['Beh', 'ENS_Beh'], ['Health', 'ENS_Health']];
export const MMXU_DOS = [['TotW', 'MV'], ['TotVAr', 'MV'], ['TotVA', 'MV'], ['TotPF', 'MV'], ['Hz', 'MV'], ['PPV', 'DEL'], ['PhV', 'WYE'], ['A', 'WYE'], ['W', 'WYE'], ['VAr', 'WYE'], ['VA', 'WYE'], ['PF', 'WYE']];
export type LnTypes = Record<string, { lnClass: string; dos: string[][] }>;
export const LN_TYPES: LnTypes = {
  LLN0: { lnClass: 'LLN0', dos: COMMON },
  LPHD: { lnClass: 'LPHD', dos: [['PhyHealth', 'ENS_Health'], ['Proxy', 'SPS']] },
  XCBR: { lnClass: 'XCBR', dos: [...COMMON, ['Pos', 'DPC'], ['OpCnt', 'INS']] },
  XSWI: { lnClass: 'XSWI', dos: [...COMMON, ['Pos', 'DPC'], ['OpCnt', 'INS']] },
  CSWI: { lnClass: 'CSWI', dos: [...COMMON, ['Pos', 'DPC']] },
  PTOC: { lnClass: 'PTOC', dos: [...COMMON, ['Str', 'ACD'], ['Op', 'ACT'], ['StrVal', 'ASG']] },
  PDIS: { lnClass: 'PDIS', dos: [...COMMON, ['Str', 'ACD'], ['Op', 'ACT'], ['PoRch', 'ASG']] },
  PTRC: { lnClass: 'PTRC', dos: [...COMMON, ['Str', 'ACD'], ['Op', 'ACT'], ['Tr', 'ACT']] },
  MMXU: { lnClass: 'MMXU', dos: [...COMMON, ...MMXU_DOS] },
  MSQI: { lnClass: 'MSQI', dos: [...COMMON, ['SeqA', 'SEQ'], ['SeqV', 'SEQ']] },
  GGIO: { lnClass: 'GGIO', dos: [...COMMON, ...Array.from({ length: 16 }, (_, i) => [`Ind${i + 1}`, 'SPS']), ...Array.from({ length: 8 }, (_, i) => [`Alm${i + 1}`, 'SPS'])] },
};

const MMXU_COUNT = 24;

/** LDs of each IED: inst → [lnType, prefix, count]. LLN0 is added to every LD. */
const LDS: [string, [string, string, number][]][] = [
  ['LD0', [['LPHD', '', 1], ['GGIO', '', 4]]],
  ['PROT', [['PTOC', '', 6], ['PDIS', '', 5], ['PTRC', '', 1]]],
  ['CTRL', [['CSWI', 'Q0', 1], ['XCBR', 'Q0', 1], ['CSWI', 'Q', 3], ['XSWI', 'Q', 3]]],
  ['MEAS', [['MMXU', '', MMXU_COUNT], ['MSQI', '', 2]]],
];

/**
 * Templates of one IED. Like many vendor tools, every LNodeType gets DOTypes of its own
 * (`REL001_MMXU_WYE`), so the template section is a realistic share of the file.
 */
export function templates(p: string, lnTypes: LnTypes = LN_TYPES): string {
  const out: string[] = [];
  for (const [id, def] of Object.entries(lnTypes)) {
    out.push(`<LNodeType id="${p}${id}" lnClass="${def.lnClass}">${def.dos.map(([n, t]) => `<DO name="${n}" type="${p}${id}_${t}"/>`).join('')}</LNodeType>`);
    const used = new Set(def.dos.map(([, t]) => t ?? ''));
    for (const t of used) for (const sdo of DO_TYPES[t]?.sdos ?? []) used.add(sdo[1]);
    for (const t of used) out.push(doType(`${p}${id}_`, p, t));
  }
  for (const [id, bdas] of Object.entries(DA_TYPES)) {
    out.push(`<DAType id="${p}${id}">${bdas.map(([n, b, t]) => `<BDA name="${n}" bType="${b}"${t ? ` type="${p}${t}"` : ''}/>`).join('')}</DAType>`);
  }
  for (const [id, names] of Object.entries(ENUMS)) {
    const ords = ORD[id];
    const vals = names.map((n, i) => `<EnumVal ord="${ords?.[n] ?? i}">${n}</EnumVal>`).join('');
    out.push(`<EnumType id="${p}${id}">${vals}</EnumType>`);
  }
  return out.join('\n');
}

function doType(own: string, p: string, id: string): string {
  const def = DO_TYPES[id];
  if (!def) throw new Error(id);
  const sdos = (def.sdos ?? []).map(([n, t]) => `<SDO name="${n}" type="${own}${t}"/>`).join('');
  const das = def.das.map(([n, b, fc, t, trg]) => `<DA name="${n}" bType="${b}" fc="${fc}"${t ? ` type="${p}${t}"` : ''}${trg ? ` ${trg}="true"` : ''}/>`).join('');
  return `<DOType id="${own}${id}" cdc="${def.cdc}">${sdos}${das}</DOType>`;
}

const UNITS: Record<string, [string, string]> = { PhV: ['V', 'k'], PPV: ['V', 'k'], A: ['A', ''], W: ['W', 'M'], VAr: ['VAr', 'M'], VA: ['VA', 'M'], PF: ['', ''], SeqA: ['A', ''], SeqV: ['V', 'k'] };

function cmvInstance(ied: string, path: string, unit: [string, string]): string {
  const s = `${ied}/${path}`;
  return (
    `<SDI name="cVal"><SDI name="mag"><DAI name="f" sAddr="${s}.cVal.mag.f" valKind="RO" desc="magnitude of ${path}"/></SDI><SDI name="ang"><DAI name="f" sAddr="${s}.cVal.ang.f" valKind="RO" desc="angle of ${path}"/></SDI></SDI>` +
    `<DAI name="q" sAddr="${s}.q" valKind="RO" desc="quality of ${path}"/><DAI name="t" sAddr="${s}.t" valKind="RO" desc="time stamp of ${path}"/>` +
    `<SDI name="units"><DAI name="SIUnit"><Val>${unit[0]}</Val></DAI><DAI name="multiplier"><Val>${unit[1]}</Val></DAI></SDI>` +
    `<DAI name="db"><Val>500</Val></DAI>`
  );
}

function lnInstance(ied: string, ld: string, lnType: string, prefix: string, inst: number): string {
  const def = LN_TYPES[lnType];
  if (!def) throw new Error(lnType);
  const dois = def.dos.map(([doName = '', doType = '']) => {
    const path = `${ld}.${prefix}${def.lnClass}${inst}.${doName}`;
    const sdos = DO_TYPES[doType]?.sdos;
    let body: string;
    if (sdos) body = sdos.map(([s]) => `<SDI name="${s}">${cmvInstance(ied, `${path}.${s}`, UNITS[doName] ?? ['', ''])}</SDI>`).join('');
    else if (doType === 'DPC') body = `<DAI name="stVal" sAddr="${ied}/${path}.stVal"/><DAI name="ctlModel"><Val>sbo-with-enhanced-security</Val></DAI>`;
    else if (doType === 'MV') body = `<SDI name="mag"><DAI name="f" sAddr="${ied}/${path}.mag"/></SDI><SDI name="units"><DAI name="SIUnit"><Val>Hz</Val></DAI></SDI>`;
    else body = `<DAI name="d"><Val>${doName} of ${prefix}${def.lnClass}${inst}</Val></DAI>`;
    const dU = `<DAI name="dU"><Val>${doName} — ${prefix}${def.lnClass}${inst} in ${ld} of ${ied}, feeder protection and control, bay ${inst}</Val></DAI>`;
    return `<DOI name="${doName}" desc="${doName} of ${ld} ${prefix}${def.lnClass}${inst}">${body}${dU}</DOI>`;
  });
  const tag = def.lnClass === 'LLN0' ? `LN0 lnClass="LLN0" inst=""` : `LN prefix="${prefix}" lnClass="${def.lnClass}" inst="${inst}"`;
  // Vendor tools keep their own per-LN data in Private elements; the importer skips them.
  const priv = `<Private type="Synthetic-Config"><Setting id="${ld}.${prefix}${def.lnClass}${inst}" group="1" visible="true"/></Private>`;
  return `<${tag} lnType="${ied}_${lnType}" desc="${def.lnClass} ${inst} of ${ld}">\n${priv}\n${dois.join('\n')}\n${lnInstanceControls(ld, def.lnClass)}</${def.lnClass === 'LLN0' ? 'LN0' : 'LN'}>`;
}

export function fcda(ld: string, prefix: string, lnClass: string, inst: number | string, doName: string, fc: string, daName?: string): string {
  return `<FCDA ldInst="${ld}" prefix="${prefix}" lnClass="${lnClass}" lnInst="${inst}" doName="${doName}"${daName ? ` daName="${daName}"` : ''} fc="${fc}"/>`;
}

export const RCB_BODY = '<TrgOps dchg="true" qchg="true" period="true" gi="true"/><OptFields seqNum="true" timeStamp="true" dataSet="true" reasonCode="true" entryID="true" configRef="true"/>';

/** Data sets and RCBs in each LD's LLN0, covering what the planner recommends in that LD. */
function lnInstanceControls(ld: string, lnClass: string): string {
  if (lnClass !== 'LLN0') return '';
  const sets: Record<string, string[]> = {
    LD0: Array.from({ length: 4 }, (_, g) => Array.from({ length: 16 }, (_, i) => fcda(ld, '', 'GGIO', g + 1, `Ind${i + 1}`, 'ST'))).flat(),
    PROT: [...Array.from({ length: 6 }, (_, i) => fcda(ld, '', 'PTOC', i + 1, 'Op', 'ST')), ...Array.from({ length: 6 }, (_, i) => fcda(ld, '', 'PTOC', i + 1, 'Str', 'ST')), fcda(ld, '', 'PTRC', 1, 'Tr', 'ST')],
    CTRL: [fcda(ld, 'Q0', 'XCBR', 1, 'Pos', 'ST', 'stVal'), fcda(ld, 'Q0', 'XCBR', 1, 'Pos', 'ST', 'q'), ...[1, 2, 3].map((i) => fcda(ld, 'Q', 'XSWI', i, 'Pos', 'ST'))],
  };
  if (ld === 'MEAS') return Array.from({ length: MMXU_COUNT }, (_, i) => measurementSet(ld, i + 1)).join('\n');
  return `<DataSet name="DS${ld}">${(sets[ld] ?? []).join('')}</DataSet>${rcb(`brcb${ld}`, `DS${ld}`, true, 2)}`;
}

export function rcb(name: string, dataSet: string, buffered: boolean, max: number): string {
  return `<ReportControl name="${name}" rptID="${name}" datSet="${dataSet}" confRev="1" buffered="${buffered}" bufTime="50" intgPd="60000">${RCB_BODY}<RptEnabled max="${max}"/></ReportControl>\n`;
}

/** One data set and URCB per MMXU: every phase magnitude and its quality, as gateway-oriented CIDs do. */
function measurementSet(ld: string, inst: number): string {
  const members: string[] = [];
  for (const [doName, doType] of MMXU_DOS) {
    const phases = doType === 'MV' ? [''] : (DO_TYPES[doType ?? '']?.sdos ?? []).map(([ph]) => `.${ph}`);
    for (const ph of phases) {
      const da = doType === 'MV' ? 'mag.f' : 'cVal.mag.f';
      members.push(fcda(ld, '', 'MMXU', inst, `${doName ?? ''}${ph}`, 'MX', da), fcda(ld, '', 'MMXU', inst, `${doName ?? ''}${ph}`, 'MX', 'q'));
    }
  }
  return `<DataSet name="DSMMXU${inst}">${members.join('')}</DataSet>${rcb(`urcbMMXU${inst}`, `DSMMXU${inst}`, false, 5)}`;
}

function ied(index: number): string {
  const name = `REL${String(index).padStart(3, '0')}`;
  const lds = LDS.map(([inst, lns]) => {
    const body = [lnInstance(name, inst, 'LLN0', '', 0)];
    for (const [lnType, prefix, count] of lns) for (let i = 1; i <= count; i++) body.push(lnInstance(name, inst, lnType, prefix, i));
    return `<LDevice inst="${inst}" desc="${inst} of ${name}">\n${body.join('\n')}\n</LDevice>`;
  });
  return (
    `<IED name="${name}" type="FeederProtection" manufacturer="Synthetic" configVersion="1.0">` +
    `<Services><DynAssociation/><GetDirectory/><GetDataObjectDefinition/><GetDataSetValue/><DataSetDirectory/><ConfDataSet max="10" maxAttributes="100"/><ReadWrite/><ConfReportControl max="20"/><GetCBValues/><ReportSettings rptID="Dyn" optFields="Dyn" bufTime="Dyn" trgOps="Dyn" intgPd="Dyn"/></Services>\n` +
    `<AccessPoint name="S1"><Server><Authentication none="true"/>\n${lds.join('\n')}\n</Server></AccessPoint></IED>`
  );
}

export function connectedAp(index: number, name = `REL${String(index).padStart(3, '0')}`): string {
  const ps = { IP: `10.0.${Math.floor(index / 200)}.${(index % 200) + 10}`, 'IP-SUBNET': '255.255.0.0', 'IP-GATEWAY': '10.0.0.1', 'OSI-TSEL': '0001', 'OSI-SSEL': '0001', 'OSI-PSEL': '00000001', 'OSI-AP-Title': '1,3,9999,33', 'OSI-AE-Qualifier': '33' };
  return `<ConnectedAP iedName="${name}" apName="S1"><Address>${Object.entries(ps).map(([t, v]) => `<P type="${t}">${v}</P>`).join('')}</Address></ConnectedAP>`;
}

/** The whole SCD as text. */
export function syntheticScd(iedCount: number): string {
  const idx = Array.from({ length: iedCount }, (_, i) => i + 1);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SCL xmlns="http://www.iec.ch/61850/2003/SCL" version="2007" revision="B" release="4">',
    '<Header id="synthetic-bench" toolID="relaygate bench"/>',
    `<Communication><SubNetwork name="StationBus" type="8-MMS">${idx.map((i) => connectedAp(i)).join('\n')}</SubNetwork></Communication>`,
    ...idx.map(ied),
    `<DataTypeTemplates>\n${idx.map((i) => templates(`REL${String(i).padStart(3, '0')}_`)).join('\n')}\n</DataTypeTemplates>`,
    '</SCL>',
    '',
  ].join('\n');
}
