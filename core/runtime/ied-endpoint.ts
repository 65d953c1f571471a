import { isoStackFor, type IedEndpoint, type IsoStackFactory } from '../client';
import type { IedConfig, Selectors } from '../contract';
import { DEFAULT_CALLING_AP_TITLE, defaultIsoAddress, parseApTitle, parseSelector, type IsoAddress } from '../iso';

/** The called (IED) and calling (gateway) ISO addressing of a project's selectors; defaults where unset. */
export function isoAddresses(s: Selectors | undefined): { local?: IsoAddress; remote?: IsoAddress } {
  if (!s) return {};
  const remote: IsoAddress = {
    ...defaultIsoAddress(),
    ...(s.tsel !== undefined ? { tsel: parseSelector(s.tsel, 'tsel') } : {}),
    ...(s.ssel !== undefined ? { ssel: parseSelector(s.ssel, 'ssel') } : {}),
    ...(s.psel !== undefined ? { psel: parseSelector(s.psel, 'psel') } : {}),
    ...(s.apTitle !== undefined ? { apTitle: parseApTitle(s.apTitle) } : {}),
    ...(s.aeQualifier !== undefined ? { aeQualifier: s.aeQualifier } : {}),
  };
  const calling = s.callingApTitle !== undefined || s.callingAeQualifier !== undefined;
  const local: IsoAddress = {
    ...defaultIsoAddress(),
    apTitle: s.callingApTitle !== undefined ? parseApTitle(s.callingApTitle) : DEFAULT_CALLING_AP_TITLE,
    ...(s.callingAeQualifier !== undefined ? { aeQualifier: s.callingAeQualifier } : {}),
  };
  return { remote, ...(calling ? { local } : {}) };
}

/** The connection settings of a project IED, with the password already resolved. */
export function iedEndpoint(ied: IedConfig, password: string | undefined): IedEndpoint {
  return {
    host: ied.host,
    port: ied.port,
    connectTimeoutMs: ied.connectTimeoutMs,
    requestTimeoutMs: ied.requestTimeoutMs,
    ...(password !== undefined ? { password } : {}),
  };
}

/** core/iso's association with the IED's selectors. */
export function isoFactoryFor(ied: IedConfig, base: typeof isoStackFor = isoStackFor): IsoStackFactory {
  const addresses = isoAddresses(ied.selectors);
  return (endpoint) => base({ ...endpoint, ...addresses });
}
