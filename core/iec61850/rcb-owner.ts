/**
 * The Owner attribute of an RCB (IEC 61850-7-2 Ed2 §17.2.2 and §17.3.2, Owner; 8-1 maps it to an MMS
 * OCTET STRING): the address of the client that holds the RCB, as real IEDs fill it (libiec61850's
 * server, for one: 4 octets for an IPv4 client, 16 for IPv6), empty or all zero when nobody does.
 *
 *   Owner ::= OCTET STRING (SIZE (0..64))   -- the client's IP address
 */

/**
 * The Owner octets of an endpoint written `address:port` (as links give `remote` and `local`): 4 octets
 * for IPv4 (also when written as an IPv4-mapped IPv6 address), 16 for IPv6, none when the address is not
 * an IP address.
 */
export function ownerOctets(endpoint: string): Uint8Array {
  const host = endpoint.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const v4 = /(?:^|:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return Uint8Array.from(v4.slice(1, 5).map(Number));
  if (!host.includes(':') || !/^[0-9A-Fa-f:]+$/.test(host)) return new Uint8Array(0);
  const [head = '', tail = ''] = host.split('::');
  const groups = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => parseInt(g, 16) || 0));
  const h = groups(head);
  const t = groups(tail);
  const all = [...h, ...Array<number>(Math.max(0, 8 - h.length - t.length)).fill(0), ...t];
  const out = new Uint8Array(16);
  all.slice(0, 8).forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** An Owner octet string as an address: 4 octets IPv4, 16 octets IPv6, else hex; null when all zero. */
export function formatOwner(owner: Uint8Array | undefined): string | null {
  if (!owner || owner.every((b) => b === 0)) return null;
  if (owner.length === 4) return owner.join('.');
  if (owner.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push((((owner[i] as number) << 8) | (owner[i + 1] as number)).toString(16));
    return groups.join(':');
  }
  return Array.from(owner, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether an Owner names the endpoint `address:port` (compared as octets, so `::1` and `0:…:1` agree). */
export function ownerIs(owner: Uint8Array | undefined, endpoint: string): boolean {
  const mine = ownerOctets(endpoint);
  return owner !== undefined && mine.length > 0 && owner.length === mine.length && owner.every((b, i) => b === mine[i]);
}
