import {
  domainName,
  formatAlternateAccess,
  formatObjectName,
  type AccessStep,
  type VariableName,
} from '../mms';
import { RelayGateError } from '../shared';
import { fromMmsAddress, toMmsAddress, type MmsAddress, type ObjectReference } from './object-reference';

/*
 * IEC 61850-8-1 addresses an array element, and the components inside it, as the array's MMS variable
 * plus an alternate access: `MHAI1.HA.phsAHar(9).cVal[MX]` is `MHAI1$MX$HA$phsAHar` with the path
 * (index 9, component cVal). These convert between that form and object references.
 */

/** The MMS variable (name and alternate access) of a reference; see toMmsAddress for what is refused. */
export function variableOfReference(ref: ObjectReference): VariableName {
  const address = toMmsAddress(ref);
  const name = domainName(address.domain, address.item);
  const steps: AccessStep[] = [];
  if (address.arrayIndex !== undefined) steps.push({ kind: 'index', index: address.arrayIndex });
  for (const component of address.subPath ?? []) steps.push({ kind: 'component', name: component });
  return steps.length > 0 ? { ...name, alternateAccess: steps } : name;
}

/**
 * The MMS address of a domain variable whose alternate access is IEC 61850's form (at most one index,
 * first, then components); undefined for any other (an index range, all elements, a second index).
 */
export function addressOfVariable(v: VariableName): MmsAddress | undefined {
  if (v.scope !== 'domain') return undefined;
  const steps = v.alternateAccess ?? [];
  const first = steps[0];
  const arrayIndex = first?.kind === 'index' ? first.index : undefined;
  const subPath: string[] = [];
  for (const step of steps.slice(arrayIndex === undefined ? 0 : 1)) {
    if (step.kind !== 'component') return undefined;
    subPath.push(step.name);
  }
  const base = { domain: v.domain, item: v.item };
  if (arrayIndex === undefined) return subPath.length > 0 ? { ...base, subPath } : base;
  return { ...base, arrayIndex, subPath };
}

/**
 * The object reference of an MMS variable, e.g. a data set member: `LD/MHAI1.HA.phsAHar(9).cVal[MX]`.
 * Throws iec61850/bad-reference for a name that is not an IEC 61850 reference or an alternate access
 * that is not IEC 61850's form.
 */
export function referenceOfVariable(v: VariableName): ObjectReference {
  const address = addressOfVariable(v);
  if (address) return fromMmsAddress(address);
  const access = v.alternateAccess ? formatAlternateAccess(v.alternateAccess) : '';
  throw new RelayGateError(
    'iec61850',
    'bad-reference',
    v.scope === 'domain'
      ? `'${v.domain}/${v.item}${access}' uses an alternate access IEC 61850 does not (one index, then components)`
      : `'${formatObjectName(v)}' is not domain-specific, so it is not an IEC 61850 reference`,
  );
}
