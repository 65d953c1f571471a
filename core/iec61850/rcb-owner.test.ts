import { describe, expect, it } from 'vitest';
import { formatOwner, ownerIs, ownerOctets } from './rcb-owner';

describe('RCB Owner', () => {
  it('is the client address: 4 octets for IPv4 (also mapped), 16 for IPv6, none when unknown', () => {
    expect([...ownerOctets('127.0.0.1:40000')]).toEqual([127, 0, 0, 1]);
    expect([...ownerOctets('::ffff:10.1.2.3:502')]).toEqual([10, 1, 2, 3]);
    expect(ownerOctets('[::1]:102')).toEqual(Uint8Array.of(...Array(15).fill(0), 1));
    expect(ownerOctets('::1:102')).toEqual(Uint8Array.of(...Array(15).fill(0), 1));
    expect(ownerOctets('memory:a')).toEqual(new Uint8Array(0));
  });

  it('is shown as an address, or null when nobody holds the RCB', () => {
    expect(formatOwner(Uint8Array.of(10, 0, 0, 9))).toBe('10.0.0.9');
    expect(formatOwner(Uint8Array.of(0xfe, 0x80, ...Array(13).fill(0), 1))).toBe('fe80:0:0:0:0:0:0:1');
    expect(formatOwner(Uint8Array.of(1, 2, 3))).toBe('010203');
    expect(formatOwner(new Uint8Array(0))).toBeNull();
    expect(formatOwner(new Uint8Array(4))).toBeNull();
    expect(formatOwner(undefined)).toBeNull();
  });

  it('names an endpoint when the octets are its address, whatever the port or the text form', () => {
    expect(ownerIs(Uint8Array.of(127, 0, 0, 1), '127.0.0.1:51234')).toBe(true);
    expect(ownerIs(Uint8Array.of(127, 0, 0, 1), '::ffff:127.0.0.1:51234')).toBe(true);
    expect(ownerIs(Uint8Array.of(127, 0, 0, 2), '127.0.0.1:51234')).toBe(false);
    expect(ownerIs(Uint8Array.of(0xfe, 0x80, ...Array(13).fill(0), 1), 'fe80::1:102')).toBe(true);
    expect(ownerIs(Uint8Array.of(127, 0, 0, 1), 'fe80::1:102')).toBe(false);
    expect(ownerIs(new Uint8Array(0), 'memory:a')).toBe(false);
    expect(ownerIs(undefined, '127.0.0.1:1')).toBe(false);
  });
});
