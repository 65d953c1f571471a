import {
  serviceErrorByName,
  type AccessResult,
  type ConfirmedRequest,
  type ConfirmedResponse,
  type DeleteNamedVariableListRequest,
  type MmsValue,
  type ObjectName,
  type ServiceError,
  type VariableAccess,
  type VariableName,
  type WriteResult,
} from '../mms';
import type { ClientContext } from './client-context';
import type { ServerDataModel } from './model/data-model';
import type { DataSet } from './model/data-sets';
import { nameListPage } from './name-list';

export type DispatchResult = ConfirmedResponse | { readonly error: ServiceError };

const nonExistent = (what: string): { error: ServiceError } => ({
  error: serviceErrorByName('access/object-non-existent', { additionalDescription: what }),
});

/**
 * Answers one confirmed request from the data model: the service handlers of an IEC 61850 server over
 * MMS (IEC 61850-8-1). Never throws for anything a client can send; the answer is a response or the
 * ServiceError to send instead.
 */
export function dispatch(model: ServerDataModel, request: ConfirmedRequest, ctx: ClientContext): DispatchResult {
  switch (request.service) {
    case 'identify':
      return { service: 'identify', ...model.identity };
    case 'getNameList':
      return getNameList(model, request, ctx);
    case 'getVariableAccessAttributes': {
      const spec = model.typeOf(request.name);
      if (!spec) return nonExistent(describe(request.name));
      return { service: 'getVariableAccessAttributes', mmsDeletable: false, typeSpec: spec };
    }
    case 'read':
      return read(model, request.access, request.specificationWithResult === true, ctx);
    case 'write':
      return write(model, request.access, request.values, ctx);
    case 'getNamedVariableListAttributes': {
      const set = model.dataSets.get(request.name, ctx);
      if (!set) return nonExistent(describe(request.name));
      return {
        service: 'getNamedVariableListAttributes',
        mmsDeletable: set.deletable,
        variables: set.members.map((m) => m.name),
      };
    }
    case 'defineNamedVariableList': {
      const out = model.dataSets.define(request.name, request.variables, ctx);
      return 'members' in out ? { service: 'defineNamedVariableList' } : { error: out };
    }
    case 'deleteNamedVariableList':
      return deleteLists(model, request, ctx);
  }
}

function describe(name: ObjectName): string {
  return name.scope === 'domain' ? `${name.domain}/${name.item}` : name.item;
}

function getNameList(
  model: ServerDataModel,
  request: Extract<ConfirmedRequest, { service: 'getNameList' }>,
  ctx: ClientContext,
): DispatchResult {
  let names: readonly string[];
  if (request.objectClass === 'domain') names = model.domainNames();
  else if (request.domain === undefined) names = [];
  else if (!model.domain(request.domain)) return nonExistent(`domain ${request.domain}`);
  else if (request.objectClass === 'namedVariable') names = model.variableNames(request.domain);
  else if (request.objectClass === 'namedVariableList') names = model.dataSets.names(request.domain);
  else names = [];
  return { service: 'getNameList', ...nameListPage(names, request.continueAfter, ctx.maxPduSize) };
}

function membersOf(model: ServerDataModel, access: VariableAccess, ctx: ClientContext): readonly VariableName[] | DataSet {
  if (access.kind === 'list') return access.variables;
  return model.dataSets.get(access.name, ctx) ?? [];
}

function read(model: ServerDataModel, access: VariableAccess, withSpec: boolean, ctx: ClientContext): DispatchResult {
  const found = membersOf(model, access, ctx);
  if ('members' in found) {
    const results: AccessResult[] = found.members.map((m) => model.read(m.name, ctx));
    return { service: 'read', ...(withSpec ? { access } : {}), results };
  }
  if (access.kind === 'named-list') return nonExistent(describe(access.name));
  return { service: 'read', ...(withSpec ? { access } : {}), results: found.map((v) => model.read(v, ctx)) };
}

function write(model: ServerDataModel, access: VariableAccess, values: readonly MmsValue[], ctx: ClientContext): DispatchResult {
  const found = membersOf(model, access, ctx);
  const variables = 'members' in found ? found.members.map((m) => m.name) : found;
  if (access.kind === 'named-list' && !('members' in found)) return nonExistent(describe(access.name));
  if (variables.length !== values.length)
    return {
      error: serviceErrorByName('definition/object-attribute-inconsistent', {
        additionalDescription: `${variables.length} variables but ${values.length} values`,
      }),
    };
  const results: WriteResult[] = variables.map((v, i) => model.write(v, values[i]!, ctx));
  return { service: 'write', results };
}

function deleteLists(model: ServerDataModel, request: DeleteNamedVariableListRequest, ctx: ClientContext): DispatchResult {
  const sets = model.dataSets;
  let candidates: ObjectName[];
  switch (request.scope ?? 'specific') {
    case 'specific':
      candidates = [...(request.names ?? [])];
      break;
    case 'aa-specific':
      candidates = sets.associationSets(ctx).map((s) => s.name);
      break;
    case 'domain':
      candidates = request.domain === undefined ? [] : sets.domainSets(request.domain).map((s) => s.name);
      break;
    default:
      candidates = [];
  }
  let matched = 0;
  let deleted = 0;
  for (const name of candidates) {
    const outcome = sets.delete(name, ctx);
    if (outcome !== 'not-found') matched++;
    if (outcome === 'deleted') deleted++;
  }
  return { service: 'deleteNamedVariableList', matched, deleted };
}
