import type { MmsTypeSpec, MmsValue } from '../../mms';

export interface ControlValueParts {
  ctlVal: MmsValue;
  ctlNum?: number;
  test?: boolean;
  interlockCheck?: boolean;
  synchroCheck?: boolean;
  /** Originator category (7-3 orCategory), default 3 remote-control. */
  orCat?: number;
  orIdent?: string;
}

/**
 * An Oper, SBOw or Cancel value for the structure a server describes (by component names, as an HMI
 * builds it): ctlVal, operTm, origin {orCat, orIdent}, ctlNum, T, Test, Check.
 */
export function controlValue(spec: MmsTypeSpec, p: ControlValueParts): MmsValue {
  if (spec.type !== 'structure') throw new Error('a control value is a structure');
  const now = Date.now();
  const time: MmsValue = { type: 'utc-time', seconds: Math.floor(now / 1000), fraction: 0, quality: 0x0a };
  const members = spec.components.map((c): MmsValue => {
    switch (c.name) {
      case 'ctlVal':
        return p.ctlVal;
      case 'origin':
        return {
          type: 'structure',
          members: [
            { type: 'integer', value: p.orCat ?? 3 },
            { type: 'octet-string', value: new TextEncoder().encode(p.orIdent ?? 'relaygate-test') },
          ],
        };
      case 'ctlNum':
        return { type: 'unsigned', value: p.ctlNum ?? 0 };
      case 'Test':
        return { type: 'boolean', value: p.test ?? false };
      case 'Check':
        return { type: 'bit-string', bitLength: 2, bytes: Uint8Array.of((p.synchroCheck ? 0x80 : 0) | (p.interlockCheck ? 0x40 : 0)) };
      case 'T':
      case 'operTm':
        return time;
      default:
        throw new Error(`unexpected control component ${c.name}`);
    }
  });
  return { type: 'structure', members };
}
