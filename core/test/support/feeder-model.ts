import { leaf, type IedModel, type Node } from './model-ied';

/** 2026-01-02T03:04:05Z, the device time of the feeder model's values. */
export const T0 = 1767323045;

function urcb(name: string, dataSet: string): Node {
  return {
    RptID: leaf.vstring(`IED1LD0/LLN0.${name}`),
    RptEna: leaf.bool(false),
    Resv: leaf.bool(false),
    DatSet: leaf.vstring(dataSet),
    ConfRev: leaf.uint32(1),
    OptFlds: leaf.bits(10, [0x7c, 0x00]),
    BufTm: leaf.uint32(50),
    SqNum: leaf.int8(0),
    TrgOps: leaf.bits(6, [0x6c]),
    IntgPd: leaf.uint32(0),
    GI: leaf.bool(false),
    Owner: leaf.octets([0, 0, 0, 0], 64),
  };
}

function brcb(name: string, dataSet: string): Node {
  return {
    RptID: leaf.vstring(`IED1LD0/LLN0.${name}`),
    RptEna: leaf.bool(false),
    DatSet: leaf.vstring(dataSet),
    ConfRev: leaf.uint32(1),
    OptFlds: leaf.bits(10, [0x7e, 0x00]),
    BufTm: leaf.uint32(100),
    SqNum: leaf.uint32(0),
    TrgOps: leaf.bits(6, [0x6c]),
    IntgPd: leaf.uint32(0),
    GI: leaf.bool(false),
    PurgeBuf: leaf.bool(false),
    EntryID: leaf.octets([0, 0, 0, 0, 0, 0, 0, 0], 8),
    TimeOfEntry: leaf.binaryTime(0, 0),
    ResvTms: { spec: { type: 'integer', bits: 16 }, value: { type: 'integer', value: 0 } },
    Owner: leaf.octets([0, 0, 0, 0], 64),
  };
}

const status = (stVal: Node): Node => ({ stVal, q: leaf.quality(0), t: leaf.time(T0) });
const protection = (general: boolean): Node => ({
  general: leaf.bool(general),
  q: leaf.quality(0),
  t: leaf.time(T0),
});
const measurement = (f: number): Node => ({
  mag: { f: leaf.float32(f) },
  q: leaf.quality(0),
  t: leaf.time(T0),
});

/** A feeder protection relay: breaker, overcurrent, measurements, health; one data set per purpose. */
export function feederModel(): IedModel {
  return {
    identity: { vendorName: 'RelayGate', modelName: 'feeder-model', revision: '1.0' },
    lds: {
      IED1LD0: {
        LLN0: {
          ST: { Mod: status(leaf.int8(1)), Beh: status(leaf.int8(1)), Health: status(leaf.int8(1)) },
          RP: {
            urcbA01: urcb('urcbA01', 'IED1LD0/LLN0$Events'),
            urcbA02: urcb('urcbA02', 'IED1LD0/LLN0$Events'),
          },
          BR: { brcbMeas01: brcb('brcbMeas01', 'IED1LD0/LLN0$Meas') },
        },
        XCBR1: { ST: { Pos: status(leaf.dbpos(2)), Loc: status(leaf.bool(false)) } },
        PTOC1: { ST: { Str: protection(false), Op: protection(false) } },
        MMXU1: { MX: { TotW: measurement(1234.5), Hz: measurement(50.01) } },
        GGIO1: { ST: { Ind1: status(leaf.bool(true)) } },
      },
    },
    dataSets: {
      IED1LD0: {
        LLN0$Events: ['XCBR1$ST$Pos', 'PTOC1$ST$Op', 'PTOC1$ST$Str'],
        LLN0$Meas: ['MMXU1$MX$TotW', 'MMXU1$MX$Hz'],
      },
    },
  };
}
