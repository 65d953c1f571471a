import { z } from 'zod';
import { OPT_FIELDS, TRIGGER_OPTIONS, type OptField, type TriggerOption } from '../iec61850';
import { decodeDataBytes, encodeData, type MmsTypeSpec, type MmsValue, type VariableName } from '../mms';
import {
  ReportEngine,
  ServerDataModel,
  TRIGGER,
  arrayNode,
  leafNode,
  structNode,
  type DataNode,
  type RcbConfig,
  type ReportEngineOptions,
  type ServerIdentity,
} from '../server';
import { RelayGateError, errorMessage, fromHex, toHex } from '../shared';
import type { BuiltModel, ServedLn } from './scl-model';

/*
 * A model saved as JSON: what `relaygate sim --from` captured from a live IED (its model, data sets,
 * RCBs and current values), served again by `relaygate sim model.json`. Types are MMS type
 * descriptions as GetVariableAccessAttributes gives them; values are the BER encoding of the MMS Data,
 * in hex, so every value comes back exactly as the IED sent it.
 */

export const SAVED_MODEL_FORMAT = 'relaygate-sim-model';

export interface SavedFc {
  readonly fc: string;
  readonly type: MmsTypeSpec;
  /** BER of the MMS Data, hex. */
  readonly value: string;
}

export interface SavedLn {
  readonly name: string;
  /** The data FCs (ST, MX, CF …); RCBs are in `rcbs`. */
  readonly fcs: readonly SavedFc[];
}

export interface SavedRcb extends RcbConfig {
  readonly domain: string;
  readonly ln: string;
}

export interface SavedModel {
  readonly format: typeof SAVED_MODEL_FORMAT;
  readonly version: 1;
  readonly ied: string;
  readonly identity: ServerIdentity;
  /** `host:port` of the IED it was cloned from, and when. */
  readonly clonedFrom?: string;
  readonly clonedAt?: string;
  readonly domains: readonly { readonly name: string; readonly lns: readonly SavedLn[] }[];
  readonly dataSets: readonly { readonly domain: string; readonly item: string; readonly members: readonly VariableName[] }[];
  readonly rcbs: readonly SavedRcb[];
}

const step = z.union([
  z.object({ kind: z.literal('index'), index: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('component'), name: z.string() }),
]);
const member = z.object({
  scope: z.literal('domain'),
  domain: z.string(),
  item: z.string(),
  alternateAccess: z.array(step).max(16).optional(),
});

const schema = z.object({
  format: z.literal(SAVED_MODEL_FORMAT),
  version: z.literal(1),
  ied: z.string().min(1),
  identity: z.object({ vendorName: z.string(), modelName: z.string(), revision: z.string() }),
  clonedFrom: z.string().optional(),
  clonedAt: z.string().optional(),
  domains: z.array(
    z.object({
      name: z.string().min(1),
      lns: z.array(z.object({ name: z.string().min(1), fcs: z.array(z.object({ fc: z.string(), type: z.unknown(), value: z.string() })) })),
    }),
  ),
  dataSets: z.array(z.object({ domain: z.string(), item: z.string(), members: z.array(member) })),
  rcbs: z.array(
    z.object({
      domain: z.string(),
      ln: z.string(),
      name: z.string(),
      buffered: z.boolean(),
      rptId: z.string(),
      datSet: z.string(),
      confRev: z.number().int().nonnegative(),
      optFlds: z.array(z.enum(OPT_FIELDS.filter((f) => f !== 'reserved') as [OptField, ...OptField[]])),
      trgOps: z.array(z.enum(TRIGGER_OPTIONS.filter((t) => t !== 'reserved') as [TriggerOption, ...TriggerOption[]])),
      bufTm: z.number().int().nonnegative(),
      intgPd: z.number().int().nonnegative(),
      withResvTms: z.boolean().optional(),
      withOwner: z.boolean().optional(),
    }),
  ),
});

/** Reads a saved model; throws sim/bad-model naming what is wrong. */
export function parseSavedModel(json: unknown, where = 'model'): SavedModel {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RelayGateError('sim', 'bad-model', `${where}: ${issue?.path.join('.') || 'the document'}: ${issue?.message ?? 'not a saved model'}`);
  }
  return result.data as SavedModel;
}

export function encodeSavedValue(value: MmsValue): string {
  return toHex(encodeData(value));
}

/**
 * A leaf's triggers when no SCL says: a quality raises qchg, a time nothing, any other status or
 * measured value dchg (what IEC 61850-7-3 declares for the common data classes).
 */
function inferredTriggers(fc: string, name: string): number {
  if (fc !== 'ST' && fc !== 'MX') return 0;
  if (name === 'q') return TRIGGER.qchg;
  if (name === 't') return 0;
  return TRIGGER.dchg;
}

/** Elements of one array at most: a saved model is a file anyone may hand over. */
const MAX_ELEMENTS = 10_000;

/** A node tree from an MMS type and a value of it. */
export function nodeFromSpec(name: string, spec: MmsTypeSpec, value: MmsValue, fc: string): DataNode {
  if (spec.type === 'structure') {
    const members = value.type === 'structure' ? value.members : [];
    return structNode(
      name,
      spec.components.map((c, i) => nodeFromSpec(c.name, c.spec, members[i] ?? value, fc)),
    );
  }
  if (spec.type === 'array') {
    if (spec.elementCount > MAX_ELEMENTS) throw new RangeError(`${name} has ${spec.elementCount} elements, more than ${MAX_ELEMENTS}`);
    const elements = value.type === 'array' ? value.elements : [];
    return arrayNode(
      name,
      Array.from({ length: Math.max(1, spec.elementCount) }, (_, i) => nodeFromSpec(name, spec.element, elements[i] ?? value, fc)),
    );
  }
  return leafNode(name, spec, value, inferredTriggers(fc, name));
}

const LN_CLASS = /^(.*?)(LLN0|[A-Z]{4})(\d*)$/;

/** The server model of a saved model, with its data sets and RCBs. */
export function buildSavedModel(saved: SavedModel, reportOptions: ReportEngineOptions = {}): BuiltModel {
  const model = new ServerDataModel(saved.identity);
  const warnings: string[] = [];
  const lns: ServedLn[] = [];
  for (const d of saved.domains) {
    const nodes = d.lns.map((ln) => {
      const fcs = ln.fcs.flatMap((f) => {
        try {
          return [nodeFromSpec(f.fc, f.type, decodeDataBytes(fromHex(f.value)), f.fc)];
        } catch (err) {
          warnings.push(`${d.name}/${ln.name}$${f.fc}: not served (${errorMessage(err)})`);
          return [];
        }
      });
      const [, prefix = '', lnClass = ln.name, inst = ''] = LN_CLASS.exec(ln.name) ?? [];
      lns.push({ ld: d.name, ln: { name: ln.name, prefix, lnClass, inst, values: new Map() } });
      return structNode(ln.name, fcs);
    });
    model.addDomain(d.name, nodes);
  }
  for (const ds of saved.dataSets) {
    const out = model.dataSets.define({ scope: 'domain', domain: ds.domain, item: ds.item }, ds.members, undefined, false);
    if (!('members' in out)) warnings.push(`data set ${ds.domain}/${ds.item} not served: ${out.additionalDescription ?? out.name}`);
  }
  const reports = new ReportEngine(model, reportOptions);
  for (const { domain, ln, ...config } of saved.rcbs) {
    try {
      reports.addRcb(domain, ln, config);
    } catch (err) {
      warnings.push(`RCB ${domain}/${ln}.${config.name} not served: ${errorMessage(err)}`);
    }
  }
  return { iedName: saved.ied, model, reports, lns, warnings };
}
