import { describe, expect, it } from 'vitest';
import { formatEndpoint, parseEndpoint } from './endpoint';

describe('parseEndpoint', () => {
  it.each([
    ['10.0.0.5', { host: '10.0.0.5', port: 102 }],
    ['10.0.0.5:10102', { host: '10.0.0.5', port: 10102 }],
    ['relay1.local', { host: 'relay1.local', port: 102 }],
    ['[::1]:1102', { host: '::1', port: 1102 }],
    ['[::1]', { host: '::1', port: 102 }],
    ['fe80::1', { host: 'fe80::1', port: 102 }],
  ])('%s', (text, expected) => {
    expect(parseEndpoint(text)).toEqual(expected);
  });

  it.each([
    ['', 'the IED address is empty; give host or host:port'],
    [':102', "':102' has no host before the port"],
    ['host:0', "'host:0' has a bad port 0; a port is a number from 1 to 65535"],
    ['host:70000', "'host:70000' has a bad port 70000; a port is a number from 1 to 65535"],
    ['host:abc', "'host:abc' has a bad port 'abc'; a port is a number from 1 to 65535"],
  ])('refuses %j', (text, message) => {
    expect(() => parseEndpoint(text)).toThrow(message);
  });

  it('formats IPv6 hosts in brackets', () => {
    expect(formatEndpoint({ host: '::1', port: 102 })).toBe('[::1]:102');
    expect(formatEndpoint({ host: '127.0.0.1', port: 10102 })).toBe('127.0.0.1:10102');
  });
});
