import { bitAt } from '../../iec61850';
import type { AccessResult, InformationReport, MmsValue } from '../../mms';
import type { StructNode } from '../../server';

/** IEC 61850-7-2 Ed2 AddCause: why a control was refused or ended badly (LastApplError). */
export const ADD_CAUSE = {
  unknown: 0,
  notSupported: 1,
  blockedBySwitchingHierarchy: 2,
  selectFailed: 3,
  invalidPosition: 4,
  positionReached: 5,
  parameterChangeInExecution: 6,
  stepLimit: 7,
  blockedByMode: 8,
  blockedByProcess: 9,
  blockedByInterlocking: 10,
  blockedBySynchrocheck: 11,
  commandAlreadyInExecution: 12,
  blockedByHealth: 13,
  oneOfNControl: 14,
  abortionByCancel: 15,
  timeLimitOver: 16,
  abortionByTrip: 17,
  objectNotSelected: 18,
  objectAlreadySelected: 19,
  noAccessAuthority: 20,
  endedWithOvershoot: 21,
  abortionDueToDeviation: 22,
  abortionByCommunicationLoss: 23,
  blockedByCommand: 24,
  none: 25,
  inconsistentParameters: 26,
  lockedByOtherClient: 27,
} as const;
export type AddCause = (typeof ADD_CAUSE)[keyof typeof ADD_CAUSE];

/** LastApplError.Error: 0 no error, 1 unknown, 2 timeout test not ok, 3 operator test not ok. */
export const CONTROL_ERROR = { none: 0, unknown: 1, timeoutTest: 2, operatorTest: 3 } as const;

/** ctlModel ordinals (IEC 61850-7-3 CtlModelKind). */
export const CTL_MODEL = { statusOnly: 0, directNormal: 1, sboNormal: 2, directEnhanced: 3, sboEnhanced: 4 } as const;

/** The parameters of an Oper, SBOw or Cancel value, by the component names of its structure. */
export interface ControlParams {
  readonly value: MmsValue;
  readonly ctlVal: MmsValue;
  readonly origin: MmsValue | undefined;
  readonly ctlNum: number;
  readonly test: boolean;
  /** Check bit 0 synchrocheck, bit 1 interlock-check (8-1). */
  readonly synchroCheck: boolean;
  readonly interlockCheck: boolean;
}

/** Reads a control value by the names of the node's components; undefined when ctlVal is missing. */
export function parseControl(node: StructNode, value: MmsValue): ControlParams | undefined {
  if (value.type !== 'structure') return undefined;
  const byName = new Map<string, MmsValue>();
  node.children.forEach((c, i) => {
    const v = value.members[i];
    if (v) byName.set(c.name, v);
  });
  const ctlVal = byName.get('ctlVal');
  if (!ctlVal) return undefined;
  const num = byName.get('ctlNum');
  const test = byName.get('Test');
  const check = byName.get('Check');
  return {
    value,
    ctlVal,
    origin: byName.get('origin'),
    ctlNum: num && (num.type === 'unsigned' || num.type === 'integer') ? Number(num.value) : 0,
    test: test?.type === 'boolean' && test.value,
    synchroCheck: check?.type === 'bit-string' && bitAt(check, 0),
    interlockCheck: check?.type === 'bit-string' && bitAt(check, 1),
  };
}

/** Whether two control values carry the same parameters (enhanced SBO: Oper must repeat SBOw). */
export function sameParameters(a: ControlParams, b: ControlParams, equal: (x: MmsValue, y: MmsValue) => boolean): boolean {
  const sameOrigin = a.origin === undefined || b.origin === undefined || equal(a.origin, b.origin);
  return (
    equal(a.ctlVal, b.ctlVal) &&
    sameOrigin &&
    a.ctlNum === b.ctlNum &&
    a.test === b.test &&
    a.synchroCheck === b.synchroCheck &&
    a.interlockCheck === b.interlockCheck
  );
}

const EMPTY_ORIGIN: MmsValue = {
  type: 'structure',
  members: [
    { type: 'integer', value: 0 },
    { type: 'octet-string', value: new Uint8Array(0) },
  ],
};

/**
 *   LastApplError ::= STRUCTURE { CntrlObj VisString, Error INT8 (0 no error, 1 unknown, 2 timeout
 *     test not ok, 3 operator test not ok), Origin Originator, ctlNum INT8U, AddCause INT8 }
 * (IEC 61850-8-1 §20.11), sent as the vmd-specific variable "LastApplError".
 */
export function lastApplErrorValue(cntrlObj: string, error: number, params: ControlParams | undefined, addCause: number): MmsValue {
  return {
    type: 'structure',
    members: [
      { type: 'visible-string', value: cntrlObj },
      { type: 'integer', value: error },
      params?.origin ?? EMPTY_ORIGIN,
      { type: 'unsigned', value: params?.ctlNum ?? 0 },
      { type: 'integer', value: addCause },
    ],
  };
}

const LAST_APPL_ERROR = { scope: 'vmd', item: 'LastApplError' } as const;
const ok = (value: MmsValue): AccessResult => ({ ok: true, value });

/** The LastApplError information report sent before a negative write response. */
export function lastApplErrorReport(value: MmsValue): InformationReport {
  return { access: { kind: 'list', variables: [LAST_APPL_ERROR] }, results: [ok(value)] };
}

/**
 * CommandTermination (8-1 §20.8): positive, the Oper variable with the value operated; negative, the
 * LastApplError and the Oper variable.
 */
export function commandTermination(domain: string, operItem: string, oper: MmsValue, error?: MmsValue): InformationReport {
  const operVar = { scope: 'domain', domain, item: operItem } as const;
  return error
    ? { access: { kind: 'list', variables: [LAST_APPL_ERROR, operVar] }, results: [ok(error), ok(oper)] }
    : { access: { kind: 'list', variables: [operVar] }, results: [ok(oper)] };
}
