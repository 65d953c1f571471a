import { formatAlternateAccess } from './alternate-access';
import { formatObjectName } from './object-name';
import type { MmsPdu } from './pdu';
import type { ConfirmedRequest, ConfirmedResponse } from './services/confirmed';
import type { VariableAccess, VariableName } from './variable-access';

const MAX_NAMES = 3;

/** `LD/LN$FC$DO(7).cVal`: the name, then its alternate access in 7-2 array notation. */
function variable(v: VariableName): string {
  return formatObjectName(v) + (v.alternateAccess ? formatAlternateAccess(v.alternateAccess) : '');
}

function names(access: VariableAccess): string {
  if (access.kind === 'named-list') return `list ${formatObjectName(access.name)}`;
  const shown = access.variables.slice(0, MAX_NAMES).map(variable).join(', ');
  const more = access.variables.length > MAX_NAMES ? `, +${access.variables.length - MAX_NAMES}` : '';
  const n = access.variables.length;
  return `${n} variable${n === 1 ? '' : 's'} (${shown}${more})`;
}

/** One line naming a confirmed request, e.g. `read 3 variables (…)`, for logs and error messages. */
export function summarizeRequest(r: ConfirmedRequest): string {
  switch (r.service) {
    case 'identify':
      return 'identify';
    case 'getNameList':
      return `getNameList ${r.objectClass} in ${r.domain ?? 'VMD'}${r.continueAfter ? ` after ${r.continueAfter}` : ''}`;
    case 'read':
      return `read ${names(r.access)}`;
    case 'write':
      return `write ${names(r.access)}`;
    case 'getVariableAccessAttributes':
      return `getVariableAccessAttributes ${formatObjectName(r.name)}`;
    case 'getNamedVariableListAttributes':
      return `getNamedVariableListAttributes ${formatObjectName(r.name)}`;
    case 'defineNamedVariableList':
      return `defineNamedVariableList ${formatObjectName(r.name)} with ${names({ kind: 'list', variables: r.variables })}`;
    case 'deleteNamedVariableList': {
      const which = r.names?.map(formatObjectName).join(', ') ?? r.domain ?? '';
      return `deleteNamedVariableList ${r.scope ?? 'specific'}${which ? ` ${which}` : ''}`;
    }
  }
}

function response(r: ConfirmedResponse): string {
  switch (r.service) {
    case 'identify':
      return `identify ${r.vendorName} ${r.modelName} ${r.revision}`;
    case 'getNameList':
      return `getNameList ${r.identifiers.length} names${r.moreFollows ? ', more follow' : ''}`;
    case 'read': {
      const failed = r.results.filter((x) => !x.ok).length;
      return `read ${r.results.length} results${failed ? ` (${failed} failed)` : ''}`;
    }
    case 'write': {
      const failed = r.results.filter((x) => !x.ok).length;
      return `write ${r.results.length} results${failed ? ` (${failed} failed)` : ''}`;
    }
    case 'getVariableAccessAttributes':
      return `getVariableAccessAttributes ${r.typeSpec.type}`;
    case 'getNamedVariableListAttributes':
      return `getNamedVariableListAttributes ${r.variables.length} members`;
    case 'defineNamedVariableList':
      return 'defineNamedVariableList done';
    case 'deleteNamedVariableList':
      return `deleteNamedVariableList ${r.deleted} of ${r.matched} deleted`;
  }
}

/** One line per PDU for the traffic tap and `--verbose`, e.g. `confirmed-request #17 read 3 variables (…)`. */
export function summarizeMmsPdu(pdu: MmsPdu): string {
  switch (pdu.kind) {
    case 'confirmed-request':
      return `confirmed-request #${pdu.invokeId} ${summarizeRequest(pdu.request)}`;
    case 'confirmed-response':
      return `confirmed-response #${pdu.invokeId} ${response(pdu.response)}`;
    case 'confirmed-error':
      return `confirmed-error #${pdu.invokeId} ${pdu.error.name}`;
    case 'information-report':
      return `information-report ${names(pdu.report.access)}, ${pdu.report.results.length} items`;
    case 'reject':
      return `reject${pdu.invokeId === undefined ? '' : ` #${pdu.invokeId}`} ${pdu.reason.name}`;
    case 'cancel-request':
    case 'cancel-response':
      return `${pdu.kind} #${pdu.invokeId}`;
    case 'initiate-request':
    case 'initiate-response':
      return `${pdu.kind} max PDU ${pdu.params.maxPduSize ?? 'unspecified'}, outstanding ${pdu.params.maxServOutstandingCalling}/${pdu.params.maxServOutstandingCalled}, nesting ${pdu.params.dataStructureNestingLevel ?? 'unspecified'}`;
    case 'cancel-error':
      return `cancel-error #${pdu.invokeId} ${pdu.error.name}`;
    case 'initiate-error':
    case 'conclude-error':
      return `${pdu.kind} ${pdu.error.name}`;
    case 'conclude-request':
    case 'conclude-response':
      return pdu.kind;
  }
}
