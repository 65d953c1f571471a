import type { Fc, TypeName } from '../iec61850';

/**
 * The resolved SCL model. Template structure is shared: every LN of one LNodeType points at the same
 * SclDataObject trees, so a 50-IED SCD costs one tree per type, not one per instance. Instance values
 * (DOI/SDI/DAI) live on the LN. Leaves are enumerated on demand (see leaves.ts).
 */

export interface SclEnumValue {
  readonly ord: number;
  /** EnumVal text, e.g. `on`, `test/blocked`, `A`. May be '' (a reserved ordinal). */
  readonly name: string;
}

export interface SclEnumType {
  readonly id: string;
  readonly values: readonly SclEnumValue[];
}

/** DA (in a DOType) or BDA (in a DAType), resolved. */
export interface SclDataAttribute {
  readonly kind: 'DA' | 'BDA';
  readonly name: string;
  /** SCL bType as written, e.g. `FLOAT32`, `Enum`, `Struct`. */
  readonly bType: string;
  /** Our type name; `struct` for Struct. */
  readonly type: TypeName;
  /** Functional constraint; DAs only, a BDA takes the FC of its DA. */
  readonly fc: Fc | undefined;
  /** DAType id for Struct, EnumType id for Enum. */
  readonly typeId: string | undefined;
  /** Array size from `count`; undefined when not an array. */
  readonly count: number | undefined;
  readonly enumType: SclEnumType | undefined;
  /** Trigger options a DA declares (dchg, qchg, dupd); all false for BDAs. */
  readonly dchg: boolean;
  readonly qchg: boolean;
  readonly dupd: boolean;
  readonly valKind: string | undefined;
  /** First `Val` of the template, e.g. a default ctlModel or unit. */
  readonly defaultValue: string | undefined;
  /** False when the DAType (or EnumType) is missing or part of a cycle; children then empty. */
  readonly resolved: boolean;
  readonly children: readonly SclDataAttribute[];
  /** Basic-typed leaves below and including this node, array counts ignored. */
  readonly leafCount: number;
}

/** DO (in an LNodeType) or SDO (in a DOType), resolved. */
export interface SclDataObject {
  readonly kind: 'DO' | 'SDO';
  readonly name: string;
  /** DOType id. */
  readonly typeId: string;
  readonly cdc: string | undefined;
  readonly count: number | undefined;
  readonly resolved: boolean;
  /** SDOs and DAs in SCL order, which is also the MMS structure order. */
  readonly children: readonly SclDataNode[];
  readonly leafCount: number;
}

export type SclDataNode = SclDataObject | SclDataAttribute;

export interface SclLnType {
  readonly id: string;
  readonly lnClass: string;
  readonly dataObjects: readonly SclDataObject[];
  readonly leafCount: number;
}

/** A value given by DOI/SDI/DAI for one path below an LN (`Pos.ctlModel`, `A.phsA.units.SIUnit`). */
export interface SclInstanceValue {
  readonly desc?: string;
  /** The `Val` without sGroup (or the first). */
  readonly value?: string;
  /** Setting-group values, from `Val sGroup="n"`. */
  readonly groupValues?: readonly { readonly sGroup: number; readonly value: string }[];
  readonly sAddr?: string;
  readonly valKind?: string;
}

export interface SclTrgOps {
  readonly dchg: boolean;
  readonly qchg: boolean;
  readonly dupd: boolean;
  readonly period: boolean;
  readonly gi: boolean;
}

export interface SclOptFields {
  readonly seqNum: boolean;
  readonly timeStamp: boolean;
  readonly dataSet: boolean;
  readonly reasonCode: boolean;
  readonly dataRef: boolean;
  readonly entryID: boolean;
  readonly configRef: boolean;
  readonly bufOvfl: boolean;
  readonly segmentation: boolean;
}

export interface SclReportControl {
  readonly name: string;
  /** `LD/LN.name` of the ReportControl element itself. */
  readonly ref: string;
  readonly ld: string;
  readonly ln: string;
  readonly desc: string | undefined;
  readonly rptID: string | undefined;
  readonly datSet: string | undefined;
  /** `LD/LN.DataSet` when datSet names a data set of this LN; undefined otherwise. */
  readonly dataSetRef: string | undefined;
  readonly buffered: boolean;
  readonly bufTime: number;
  readonly intgPd: number;
  readonly confRev: number | undefined;
  readonly indexed: boolean;
  readonly trgOps: SclTrgOps;
  readonly optFields: SclOptFields;
  /** RptEnabled max (1 when RptEnabled is absent). */
  readonly max: number;
  /** ClientLN entries of RptEnabled, as `iedName/ldInst/prefix lnClass lnInst` text. */
  readonly clients: readonly string[];
  /** Instance names as the IED exposes them, e.g. `urcbA01` … `urcbA05` (see docs/SCL.md). */
  readonly instances: readonly string[];
  /** Object references of the instances with their FC, e.g. `LD0/LLN0.urcbA01[RP]`. */
  readonly instanceRefs: readonly string[];
}

export interface SclGseControl {
  readonly name: string;
  readonly ref: string;
  readonly type: string;
  readonly appID: string | undefined;
  readonly datSet: string | undefined;
  readonly dataSetRef: string | undefined;
  readonly confRev: number | undefined;
  /** MAC-Address, APPID, VLAN-ID, VLAN-PRIORITY from Communication/ConnectedAP/GSE when present. */
  readonly address: Readonly<Record<string, string>>;
}

export interface SclSampledValueControl {
  readonly name: string;
  readonly ref: string;
  readonly smvID: string | undefined;
  readonly datSet: string | undefined;
  readonly dataSetRef: string | undefined;
  readonly confRev: number | undefined;
  readonly smpRate: number | undefined;
  readonly nofASDU: number | undefined;
  readonly multicast: boolean;
  readonly address: Readonly<Record<string, string>>;
}

/** SettingControl of an LN0: the LD's setting groups (IEC 61850-6 §9.3.11). */
export interface SclSettingControl {
  readonly desc: string | undefined;
  /** Number of setting groups, 1 or more. */
  readonly numOfSGs: number;
  /** The group active at start, 1 … numOfSGs. */
  readonly actSG: number;
}

export interface SclDataSetMember {
  readonly ldInst: string;
  readonly prefix: string;
  readonly lnClass: string;
  readonly lnInst: string;
  readonly doName: string | undefined;
  readonly daName: string | undefined;
  readonly fc: Fc | undefined;
  readonly ix: number | undefined;
  /** `LD/LN.DO.DA[FC]` (with `(ix)` on the array element); built from the FCDA even when unresolved. */
  readonly ref: string;
  readonly resolved: boolean;
  /** Why the member does not resolve; undefined when it does. */
  readonly problem: string | undefined;
  /** LD and LN names and the path below the LN (names only, indices dropped), for coverage lookups. */
  readonly ld: string;
  readonly ln: string;
  readonly path: readonly string[];
  /** True when the member is one element of an array (`ix`, or `name(n)` in doName/daName). */
  readonly arrayElement: boolean;
}

export interface SclDataSet {
  readonly name: string;
  readonly ref: string;
  readonly ld: string;
  readonly ln: string;
  readonly desc: string | undefined;
  readonly members: readonly SclDataSetMember[];
}

export interface SclLogicalNode {
  /** prefix + lnClass + inst. */
  readonly name: string;
  readonly prefix: string;
  readonly lnClass: string;
  readonly inst: string;
  readonly lnType: string;
  readonly desc: string | undefined;
  readonly isLn0: boolean;
  /** Undefined when the LNodeType is missing (the LN is kept, with no data). */
  readonly type: SclLnType | undefined;
  readonly values: ReadonlyMap<string, SclInstanceValue>;
  readonly dataSets: readonly SclDataSet[];
  readonly reportControls: readonly SclReportControl[];
  readonly gseControls: readonly SclGseControl[];
  readonly sampledValueControls: readonly SclSampledValueControl[];
  /** LN0 only, when the LD has setting groups. */
  readonly settingControl?: SclSettingControl;
}

export interface SclLogicalDevice {
  readonly inst: string;
  readonly ldName: string | undefined;
  /** The LD name the server exposes: ldName when given, else IED name + inst (IEC 61850-6 §8.5.3). */
  readonly name: string;
  readonly desc: string | undefined;
  readonly logicalNodes: readonly SclLogicalNode[];
}

/** Connection settings for the MMS client, from Communication/SubNetwork/ConnectedAP/Address. */
export interface SclConnection {
  readonly subNetwork: string;
  readonly ip: string | undefined;
  readonly ipSubnet: string | undefined;
  readonly ipGateway: string | undefined;
  readonly port: number | undefined;
  /** Selectors as hex strings as written, e.g. `0001`. */
  readonly tsel: string | undefined;
  readonly ssel: string | undefined;
  readonly psel: string | undefined;
  /** AP-title as dotted object identifier, e.g. `1.3.9999.23`. */
  readonly apTitle: string | undefined;
  readonly aeQualifier: number | undefined;
  /** Every P element by type, as written. */
  readonly parameters: Readonly<Record<string, string>>;
}

export interface SclAccessPoint {
  readonly name: string;
  readonly desc: string | undefined;
  /** Only access points with a Server are browsable over MMS. */
  readonly hasServer: boolean;
  readonly connection: SclConnection | undefined;
  readonly logicalDevices: readonly SclLogicalDevice[];
}

export interface SclIed {
  readonly name: string;
  readonly desc: string | undefined;
  readonly type: string | undefined;
  readonly manufacturer: string | undefined;
  readonly configVersion: string | undefined;
  /** Services capabilities: element name → its attributes (`ConfReportControl` → `{max: '10'}`). */
  readonly services: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly accessPoints: readonly SclAccessPoint[];
}

export interface SclSubNetwork {
  readonly name: string;
  readonly type: string | undefined;
  readonly connectedAps: readonly { readonly iedName: string; readonly apName: string; readonly connection: SclConnection }[];
}

export type SclWarningCode =
  | 'missing-type' // an LNodeType, DOType, DAType or EnumType id that is referenced but not defined
  | 'type-cycle' // a DOType or DAType that contains itself
  | 'type-depth' // SDO/BDA nesting deeper than maxTypeDepth
  | 'duplicate-type' // two templates with one id: the first is used
  | 'unknown-btype' // a bType this importer does not know
  | 'bad-attribute' // a required attribute missing or a number that is not one
  | 'duplicate-name' // two IEDs, LDs, LNs, DOs … with one name
  | 'unresolved-member' // a data set member (FCDA) that names nothing in the model
  | 'missing-dataset' // a control block whose datSet names no data set
  | 'rcb-not-indexed' // a non-indexed RCB with RptEnabled max > 1
  | 'no-ied' // a file with no IED
  | 'no-templates' // IEDs but no DataTypeTemplates
  | 'no-namespace' // root without the SCL namespace (read anyway)
  | 'bad-address' // an Address P value that is not what its type says
  | 'ignored-section'; // a second Header, Communication or DataTypeTemplates (the first is read)

export interface SclWarning {
  readonly code: SclWarningCode;
  readonly message: string;
  /** The IED the warning is about, when one. */
  readonly ied?: string;
  /** The template ids or references the warning lists. */
  readonly ids?: readonly string[];
}

export interface SclHeader {
  readonly id: string | undefined;
  readonly version: string | undefined;
  readonly revision: string | undefined;
  readonly toolID: string | undefined;
  readonly nameStructure: string | undefined;
}

/** Edition attributes of the root: 2003 has none, 2007A/B `version="2007" revision="A|B"`, 2007B4 `release="4"`. */
export interface SclEdition {
  readonly version: string | undefined;
  readonly revision: string | undefined;
  readonly release: string | undefined;
}

/** How many templates of each kind DataTypeTemplates defines (used or not). */
export interface SclTemplateCounts {
  readonly lnodeTypes: number;
  readonly doTypes: number;
  readonly daTypes: number;
  readonly enumTypes: number;
}

export interface SclDocument {
  readonly fileName: string | undefined;
  readonly edition: SclEdition;
  readonly header: SclHeader;
  readonly templates: SclTemplateCounts;
  readonly ieds: readonly SclIed[];
  readonly subNetworks: readonly SclSubNetwork[];
  readonly warnings: readonly SclWarning[];
}
