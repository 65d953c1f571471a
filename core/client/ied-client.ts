import {
  parseObjectReference,
  toMmsName,
  formatObjectReference,
  variableOfReference,
  type ObjectReference,
  type RcbWrite,
} from '../iec61850';
import {
  domainName,
  formatAlternateAccess,
  formatObjectName,
  formatTypeSpec,
  selectType,
  splitReadByPduSize,
  type AccessResult,
  type ConfirmedRequest,
  type ConfirmedResponse,
  type IdentifyResponse,
  type MmsTypeSpec,
  type MmsValue,
  type ObjectClassName,
  type ObjectName,
  type VariableName,
  type WriteResult,
} from '../mms';
import { errorMessage } from '../shared';
import { dataAccessErrorCode } from './error-mapping';
import { ClientError, isClientError } from './errors';
import { DEFAULT_NAME_LIST_LIMITS, type NameListLimits } from './limits';
import { NameTally, pageNameList } from './name-list';

/** What the IED client needs from an association: confirmed requests and the negotiated PDU size. */
export interface MmsRequester {
  request(
    request: ConfirmedRequest,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<ConfirmedResponse>;
  readonly negotiated: { readonly maxPduSize: number };
  /** The peer, for messages (`10.0.0.5:102`). */
  readonly where?: string;
}

export interface IedClientOptions {
  /** Budgets for name lists (per list, per domain, per association); see DEFAULT_NAME_LIST_LIMITS. */
  nameLists?: Partial<NameListLimits>;
}

/** What one client sent and received, for diagnostics. */
export interface IedClientCounters {
  /** Confirmed requests sent. */
  requests: number;
  /** Names received in GetNameList pages, and their octets. */
  names: number;
  nameBytes: number;
}

export interface ReadItem {
  ref: ObjectReference;
  /** The MMS variable read; an array element carries its index and components as alternate access. */
  name: VariableName;
  result: AccessResult;
}

/** Per-call options: a signal that cancels the call (queued or in flight), and its own timeout. */
export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Items per Read request at most. Default 128: many IEDs answer larger reads slowly or not at all. */
  maxItemsPerRequest?: number;
  /**
   * Worst-case encoded size of each variable's result (core/mms dataSizeBound of its type), in order:
   * requests are then also split so that each answer fits the PDU, instead of the server refusing it.
   */
  responseBounds?: readonly (number | undefined)[];
}

/** An object reference with its FC, as an MMS name; a reference without an FC is refused with its text. */
export function mmsNameOf(ref: ObjectReference | string): { ref: ObjectReference; name: ObjectName } {
  const parsed = typeof ref === 'string' ? parseObjectReference(ref) : ref;
  const { domain, item } = toMmsName(parsed);
  return { ref: parsed, name: domainName(domain, item) };
}

/**
 * An object reference with its FC as an MMS variable: the name, plus for an array element
 * (`LD/MHAI1.HA.phsAHar(9).cVal[MX]`) the index and components as alternate access (IEC 61850-8-1).
 */
export function mmsVariableOf(ref: ObjectReference | string): { ref: ObjectReference; name: VariableName } {
  const parsed = typeof ref === 'string' ? parseObjectReference(ref) : ref;
  return { ref: parsed, name: variableOfReference(parsed) };
}

/**
 * IEC 61850 services over one MMS association: name lists with paging, type descriptions, reads of
 * many references in as few requests as fit, writes and RCB write sequences.
 */
export class IedClient {
  readonly nameListLimits: NameListLimits;
  private readonly tally = new NameTally();
  private requestCount = 0;

  constructor(
    private readonly mms: MmsRequester,
    options: IedClientOptions = {},
  ) {
    this.nameListLimits = { ...DEFAULT_NAME_LIST_LIMITS, ...options.nameLists };
  }

  /** The peer, for messages. */
  get where(): string {
    return this.mms.where ?? 'the IED';
  }

  get counters(): IedClientCounters {
    return { requests: this.requestCount, names: this.tally.names, nameBytes: this.tally.bytes };
  }

  async identify(options: CallOptions = {}): Promise<IdentifyResponse> {
    const r = await this.request({ service: 'identify' }, options);
    if (r.service !== 'identify') throw unexpected(r);
    return { vendorName: r.vendorName, modelName: r.modelName, revision: r.revision };
  }

  /**
   * GetNameList with continueAfter paging; an absent moreFollows has already been read as TRUE. The
   * list is bounded by `nameListLimits` (per list, per domain, per association): a server whose list
   * never ends gets a LimitError naming the limit, not all our memory.
   */
  async nameList(
    objectClass: ObjectClassName,
    domain?: string,
    options: CallOptions & { maxPages?: number } = {},
  ): Promise<string[]> {
    const names: string[] = [];
    const keep = (page: readonly string[]): void => {
      for (const name of page) names.push(name);
    };
    await this.nameListPages(objectClass, domain, keep, options);
    return names;
  }

  /** The same, page by page, for a caller that keeps only some of the names. */
  nameListPages(
    objectClass: ObjectClassName,
    domain: string | undefined,
    onPage: (names: readonly string[]) => void,
    { maxPages = 10_000, ...options }: CallOptions & { maxPages?: number } = {},
  ): Promise<void> {
    const paging = {
      request: (r: ConfirmedRequest) => this.request(r, options),
      limits: this.nameListLimits,
      tally: this.tally,
      where: this.where,
      maxPages,
    };
    return pageNameList(paging, objectClass, domain, onPage);
  }

  logicalDevices(options: CallOptions = {}): Promise<string[]> {
    return this.nameList('domain', undefined, options);
  }

  /**
   * The MMS type of a variable. GetVariableAccessAttributes names whole variables only, so for an array
   * element (alternate access) the array's type is asked and the element's type taken from it.
   */
  async typeOf(name: VariableName, options: CallOptions = {}): Promise<MmsTypeSpec> {
    const { alternateAccess, ...variable } = name;
    const r = await this.request({ service: 'getVariableAccessAttributes', name: variable }, options);
    if (r.service !== 'getVariableAccessAttributes') throw unexpected(r);
    if (!alternateAccess) return r.typeSpec;
    const selected = selectType(r.typeSpec, alternateAccess);
    if (!selected)
      throw new ClientError(
        'object-non-existent',
        `${formatObjectName(variable)} has no ${formatAlternateAccess(alternateAccess)} (its type is ${formatTypeSpec(r.typeSpec)})`,
      );
    return selected;
  }

  /** A data set's members; one inside an array carries its alternate access (index, components). */
  async dataSetMembers(name: ObjectName, options: CallOptions = {}): Promise<VariableName[]> {
    const r = await this.request({ service: 'getNamedVariableListAttributes', name }, options);
    if (r.service !== 'getNamedVariableListAttributes') throw unexpected(r);
    return r.variables;
  }

  /**
   * Reads many references, e.g. whole FCDs (`LD/XCBR1.Pos[ST]`), in as few Read requests as fit the
   * negotiated PDU size, sent together (pipelined) and returned in the order asked. An array element
   * (`phsAHar(7)`, `phsAHar(9).cVal`) is read with alternate access. A failed item is
   * a DataAccessError result, not an exception. When a server finds an answer too large for its PDU,
   * the batch is split in two and retried.
   */
  async read(refs: readonly (ObjectReference | string)[], options: ReadOptions = {}): Promise<ReadItem[]> {
    const items = refs.map((r) => mmsVariableOf(r));
    const results = await this.readVariables(
      items.map((i) => i.name),
      options,
    );
    return items.map((item, i) => ({ ...item, result: results[i] as AccessResult }));
  }

  /**
   * Reads MMS variables (e.g. whole RCBs by `LLN0$RP$urcbA01`) in as few requests as fit the negotiated
   * PDU size — sized exactly by core/mms — sent together and returned in order.
   */
  async readVariables(names: readonly VariableName[], options: ReadOptions = {}): Promise<AccessResult[]> {
    let batches: { variables: readonly VariableName[] }[];
    try {
      batches = splitReadByPduSize(names, this.mms.negotiated.maxPduSize, {
        maxVariables: options.maxItemsPerRequest ?? 128,
        ...(options.responseBounds ? { responseBounds: options.responseBounds } : {}),
      });
    } catch (err) {
      throw new ClientError('too-large', errorMessage(err), { cause: err });
    }
    const results = await Promise.all(batches.map((b) => this.readBatch([...b.variables], options.signal)));
    return results.flat();
  }

  private async readBatch(names: VariableName[], signal: AbortSignal | undefined): Promise<AccessResult[]> {
    try {
      const r = await this.request(
        { service: 'read', access: { kind: 'list', variables: names } },
        signal ? { signal } : {},
      );
      if (r.service !== 'read') throw unexpected(r);
      if (r.results.length !== names.length) {
        throw new ClientError(
          'protocol-error',
          `asked for ${names.length} variables, the server answered ${r.results.length} results`,
        );
      }
      return r.results;
    } catch (err) {
      if (
        names.length > 1 &&
        (isClientError(err, 'too-large') || isClientError(err, 'temporarily-unavailable'))
      ) {
        const half = Math.ceil(names.length / 2);
        const [a, b] = await Promise.all([
          this.readBatch(names.slice(0, half), signal),
          this.readBatch(names.slice(half), signal),
        ]);
        return [...a, ...b];
      }
      throw err;
    }
  }

  /** Reads one value; a DataAccessError becomes a ClientError naming the reference. */
  async readValue(ref: ObjectReference | string): Promise<MmsValue> {
    const [item] = await this.read([ref]);
    if (!item) throw new ClientError('protocol-error', 'no result');
    if (!item.result.ok)
      throw new ClientError(
        dataAccessErrorCode(item.result.error),
        `${formatObjectReference(item.ref)}: ${item.result.error.name}`,
      );
    return item.result.value;
  }

  async write(ref: ObjectReference | string, value: MmsValue): Promise<WriteResult> {
    const { name } = mmsNameOf(ref);
    const r = await this.request({
      service: 'write',
      access: { kind: 'list', variables: [name] },
      values: [value],
    });
    if (r.service !== 'write') throw unexpected(r);
    const [result] = r.results;
    if (!result) throw new ClientError('protocol-error', 'the write response has no result');
    return result;
  }

  /** Writes several variables in one Write request; one result per variable, in order. */
  async writeMany(
    entries: readonly { ref: ObjectReference | string; value: MmsValue }[],
  ): Promise<readonly WriteResult[]> {
    const names = entries.map((e) => mmsNameOf(e.ref).name);
    const r = await this.request({
      service: 'write',
      access: { kind: 'list', variables: names },
      values: entries.map((e) => e.value),
    });
    if (r.service !== 'write') throw unexpected(r);
    if (r.results.length !== entries.length) {
      throw new ClientError(
        'protocol-error',
        `wrote ${entries.length} variables, the server answered ${r.results.length} results`,
      );
    }
    return r.results;
  }

  /** Every confirmed request goes through here, so it is counted. */
  private request(request: ConfirmedRequest, options?: CallOptions): Promise<ConfirmedResponse> {
    this.requestCount++;
    return this.mms.request(request, options);
  }

  /**
   * Writes RCB attributes one at a time, in order, and stops at the first refusal, naming the
   * attribute: a half-configured RCB must not be enabled.
   */
  async writeSequence(writes: readonly RcbWrite[]): Promise<void> {
    for (const w of writes) {
      const r = await this.request({
        service: 'write',
        access: { kind: 'list', variables: [domainName(w.domain, w.item)] },
        values: [w.value],
      });
      if (r.service !== 'write') throw unexpected(r);
      const [result] = r.results;
      if (!result)
        throw new ClientError('protocol-error', `writing ${w.domain}/${w.item}: the server sent no result`);
      if (!result.ok) {
        const code = dataAccessErrorCode(result.error);
        // An RCB that another client reserved or enabled answers Resv/RptEna writes this way.
        const hint =
          w.item.includes('$RP$') || w.item.includes('$BR$') ? rcbRefusalHint(result.error.name) : '';
        throw new ClientError(code, `writing ${w.domain}/${w.item} was refused: ${result.error.name}${hint}`);
      }
    }
  }
}

function rcbRefusalHint(reason: string): string {
  return reason === 'temporarily-unavailable' || reason === 'object-access-denied'
    ? ' (the RCB is probably reserved or enabled by another client; try another instance)'
    : '';
}

function unexpected(r: ConfirmedResponse): ClientError {
  return new ClientError('protocol-error', `unexpected ${r.service} response`);
}
