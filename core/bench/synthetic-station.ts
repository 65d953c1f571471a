/**
 * A synthetic station SCD shaped like the real ones engineers open to find their relay (issue 13): N
 * bay controllers of three vendors, each vendor's DataTypeTemplates shared by all its IEDs (as a merged
 * SCD carries one template set per vendor ICD), about 11,000 leaves and 240 kB of XML per IED, most of
 * it DOI/SDI/DAI instance data (descriptions, `dU` texts, `sAddr` on every status and measured value,
 * units, deadbands, control models, setting-group values), about 500 FCDAs in 10 data sets and 20
 * RCBs per IED, and one ConnectedAP per IED. 60 IEDs come to about 15 MB. The text is Latin-1 (°, ü),
 * as most vendor files are, so it decodes to a one-byte string.
 */
import { COMMON, DO_TYPES, LN_TYPES, connectedAp, fcda, rcb, templates, type LnTypes } from './synthetic-scd';

const VENDORS = ['ABX_', 'SMX_', 'GEX_'];

/** The feeder LNodeTypes plus those of a bay controller with protection. */
const STATION_LN_TYPES: LnTypes = {
  ...LN_TYPES,
  CILO: { lnClass: 'CILO', dos: [...COMMON, ['EnaOpn', 'SPS'], ['EnaCls', 'SPS']] },
  RBRF: { lnClass: 'RBRF', dos: [...COMMON, ['Str', 'ACD'], ['OpEx', 'ACT'], ['OpIn', 'ACT']] },
  PTOV: { lnClass: 'PTOV', dos: [...COMMON, ['Str', 'ACD'], ['Op', 'ACT'], ['StrVal', 'ASG']] },
  PTUV: { lnClass: 'PTUV', dos: [...COMMON, ['Str', 'ACD'], ['Op', 'ACT'], ['StrVal', 'ASG']] },
  RREC: { lnClass: 'RREC', dos: [...COMMON, ['Op', 'ACT'], ['AutoRecSt', 'INS']] },
};

/** LDs of each IED: inst → [lnType, prefix, count]. LLN0 is added to every LD. */
const LDS: [string, [string, string, number][]][] = [
  ['LD0', [['LPHD', '', 1], ['GGIO', '', 20]]],
  ['CTRL', [['CSWI', 'Q', 8], ['XCBR', 'Q', 2], ['XSWI', 'Q', 6], ['CILO', 'Q', 8]]],
  ['MEAS', [['MMXU', '', 20], ['MSQI', '', 2]]],
  ['PROT', [['PTOC', '', 8], ['PDIS', '', 5], ['PTRC', '', 2], ['RBRF', '', 2], ['PTOV', '', 2], ['PTUV', '', 2], ['RREC', '', 1]]],
];

const UNITS: Record<string, [string, string]> = { PhV: ['V', 'k'], PPV: ['V', 'k'], A: ['A', ''], W: ['W', 'M'], VAr: ['VAr', 'M'], VA: ['VA', 'M'], PF: ['', ''], TotW: ['W', 'M'], TotVAr: ['VAr', 'M'], TotVA: ['VA', 'M'], TotPF: ['', ''], Hz: ['Hz', ''], SeqA: ['A', ''], SeqV: ['V', 'k'] };

const val = (v: string | number) => `<Val>${v}</Val>`;
const units = ([si, mult]: [string, string]) => `<SDI name="units"><DAI name="SIUnit">${val(si)}</DAI>${mult ? `<DAI name="multiplier">${val(mult)}</DAI>` : ''}</SDI>`;

/** The DOI of one data object, the way engineering tools write them. */
function doi(ied: string, path: string, doName: string, doType: string, n: number): string {
  let k = 0;
  // Vendors address values by short codes, e.g. `13.7.2`.
  const sAddr = (_leaf: string) => `sAddr="${n}.${path.length}.${++k}"`;
  let body: string;
  const sdos = DO_TYPES[doType]?.sdos;
  if (sdos) {
    const u = UNITS[doName] ?? ['', ''];
    // Units and deadband once per DO (on its first phase), as tools write values that differ from the template.
    body = sdos.map(([s], i) => `<SDI name="${s}"><SDI name="cVal"><SDI name="mag"><DAI name="f" ${sAddr(`${s}.mag`)}/></SDI></SDI>${i === 0 ? `${units(u)}<DAI name="db">${val(500)}</DAI>` : ''}</SDI>`).join('');
  } else if (doType === 'DPC') {
    body = `<DAI name="stVal" ${sAddr('pos')}/><DAI name="ctlModel">${val('sbo-with-enhanced-security')}</DAI>`;
  } else if (doType === 'MV') {
    body = `<SDI name="mag"><DAI name="f" ${sAddr('mag')}/></SDI>${units(UNITS[doName] ?? ['', ''])}<DAI name="db">${val(1000)}</DAI>`;
  } else if (doType === 'ASG') {
    body = `<SDI name="setMag"><DAI name="f">${[1, 2, 3, 4].map((g) => `<Val sGroup="${g}">${(1 + n * 0.1 + g * 0.05).toFixed(2)}</Val>`).join('')}</DAI></SDI>`;
  } else {
    body = `<DAI name="stVal" ${sAddr('st')}/>`;
  }
  // Generic I/O gets a description only; everything else a description and a Unicode text (dU) too.
  const dU = doType === 'SPS' ? '' : `<DAI name="dU">${val(`${doName} ü${n}`)}</DAI>`;
  return `<DOI name="${doName}" desc="${doName} F${n}">${dU}${body}</DOI>`;
}

function ln(ied: string, vendor: string, ld: string, lnType: string, prefix: string, inst: number): string {
  const def = STATION_LN_TYPES[lnType];
  if (!def) throw new Error(lnType);
  const lnName = `${prefix}${def.lnClass}${def.lnClass === 'LLN0' ? '' : inst}`;
  const dois = def.dos.map(([doName = '', doType = '']) => doi(ied, `${ld}.${lnName}.${doName}`, doName, doType, inst)).join('');
  const controls = def.lnClass === 'LLN0' ? lln0Controls(ld) : '';
  const tag = def.lnClass === 'LLN0' ? `LN0 lnClass="LLN0" inst=""` : `LN prefix="${prefix}" lnClass="${def.lnClass}" inst="${inst}"`;
  return `<${tag} lnType="${vendor}${lnType}" desc="${lnName} in ${ld} at 20 °C">${controls}${dois}</${def.lnClass === 'LLN0' ? 'LN0' : 'LN'}>`;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** Data sets of an LD and their members; two RCBs (one buffered) report each. */
function dataSets(ld: string): Record<string, string[]> {
  switch (ld) {
    case 'LD0':
      // Indications and alarms at DO level (stVal, q and t in one member), as gateway data sets are built.
      return {
        DSInd1: range(6).flatMap((g) => range(16).map((i) => fcda(ld, '', 'GGIO', g, `Ind${i}`, 'ST'))),
        DSInd2: range(6).flatMap((g) => range(16).map((i) => fcda(ld, '', 'GGIO', g + 6, `Ind${i}`, 'ST'))),
        DSAlm: range(12).flatMap((g) => range(8).map((i) => fcda(ld, '', 'GGIO', g, `Alm${i}`, 'ST'))),
      };
    case 'CTRL':
      return {
        DSPos: [...range(8).map((i) => fcda(ld, 'Q', 'CSWI', i, 'Pos', 'ST')), ...range(2).map((i) => fcda(ld, 'Q', 'XCBR', i, 'Pos', 'ST')), ...range(6).map((i) => fcda(ld, 'Q', 'XSWI', i, 'Pos', 'ST'))],
        DSIlk: range(8).flatMap((i) => [fcda(ld, 'Q', 'CILO', i, 'EnaOpn', 'ST'), fcda(ld, 'Q', 'CILO', i, 'EnaCls', 'ST')]),
      };
    case 'MEAS':
      return {
        DSMeas1: range(6).flatMap((i) => ['TotW', 'TotVAr', 'Hz', 'A.phsA', 'A.phsB', 'A.phsC'].map((d) => fcda(ld, '', 'MMXU', i, d, 'MX'))),
        DSMeas2: range(14).flatMap((i) => ['TotW', 'TotVAr', 'Hz', 'A.phsA', 'A.phsB', 'A.phsC'].map((d) => fcda(ld, '', 'MMXU', i + 6, d, 'MX'))),
      };
    case 'PROT':
      return {
        DSTrip: [
          ...range(8).flatMap((i) => [fcda(ld, '', 'PTOC', i, 'Op', 'ST'), fcda(ld, '', 'PTOC', i, 'Str', 'ST')]),
          ...range(5).flatMap((i) => [fcda(ld, '', 'PDIS', i, 'Op', 'ST'), fcda(ld, '', 'PDIS', i, 'Str', 'ST')]),
          ...range(2).map((i) => fcda(ld, '', 'PTRC', i, 'Tr', 'ST', 'general')),
          ...range(2).map((i) => fcda(ld, '', 'RBRF', i, 'OpEx', 'ST')),
        ],
        DSVolt: [...range(2).flatMap((i) => [fcda(ld, '', 'PTOV', i, 'Op', 'ST'), fcda(ld, '', 'PTUV', i, 'Op', 'ST')]), fcda(ld, '', 'RREC', 1, 'Op', 'ST')],
        DSProtHealth: ['PTOC', 'PDIS'].flatMap((c) => range(5).flatMap((i) => [fcda(ld, '', c, i, 'Beh', 'ST'), fcda(ld, '', c, i, 'Health', 'ST')])),
      };
    default:
      return {};
  }
}

function lln0Controls(ld: string): string {
  return Object.entries(dataSets(ld))
    .map(([name, members]) => `<DataSet name="${name}" desc="${name} of ${ld}">${members.join('')}</DataSet>${rcb(`brcb${name}`, name, true, 4)}${rcb(`urcb${name}`, name, false, 6)}`)
    .join('');
}

function ied(index: number): string {
  const name = `BAY${String(index).padStart(3, '0')}`;
  const vendor = VENDORS[index % VENDORS.length] ?? '';
  const lds = LDS.map(([inst, lns]) => {
    const body = [ln(name, vendor, inst, 'LLN0', '', 0)];
    for (const [lnType, prefix, count] of lns) for (const i of range(count)) body.push(ln(name, vendor, inst, lnType, prefix, i));
    return `<LDevice inst="${inst}" desc="${inst} of ${name}">\n${body.join('\n')}\n</LDevice>`;
  });
  return (
    `<IED name="${name}" type="BayController" manufacturer="Synthetic ${vendor.slice(0, 2)}" configVersion="2.1" desc="Bay ${index} controller and protection">` +
    `<Services><DynAssociation/><GetDirectory/><GetDataObjectDefinition/><GetDataSetValue/><DataSetDirectory/><ConfDataSet max="20" maxAttributes="200"/><ReadWrite/><ConfReportControl max="40"/><GetCBValues/></Services>\n` +
    `<AccessPoint name="S1"><Server><Authentication none="true"/>\n${lds.join('\n')}\n</Server></AccessPoint></IED>`
  );
}

/** The whole SCD as text. */
export function syntheticStation(iedCount: number): string {
  const idx = range(iedCount);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SCL xmlns="http://www.iec.ch/61850/2003/SCL" version="2007" revision="B" release="4">',
    '<Header id="synthetic-station" toolID="relaygate bench"/>',
    `<Communication><SubNetwork name="StationBus" type="8-MMS">${idx.map((i) => connectedAp(i, `BAY${String(i).padStart(3, '0')}`)).join('\n')}</SubNetwork></Communication>`,
    ...idx.map(ied),
    `<DataTypeTemplates>\n${VENDORS.map((v) => templates(v, STATION_LN_TYPES)).join('\n')}\n</DataTypeTemplates>`,
    '</SCL>',
    '',
  ].join('\n');
}
