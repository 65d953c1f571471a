import { describe, expect, it } from 'vitest';
import { LLN0_TEMPLATES, sclDoc } from './fixtures/scl-text';
import { importScl } from './importer';

const LDS = '<LDevice inst="LD0"><LN0 lnClass="LLN0" inst="" lnType="LLN0_T"/></LDevice>';

function connectionOf(ps: string, extraSubNetwork = '') {
  const communication = `<Communication>${extraSubNetwork}<SubNetwork name="Station" type="8-MMS"><ConnectedAP iedName="IED1" apName="S1"><Address>${ps}</Address></ConnectedAP></SubNetwork></Communication>`;
  const doc = importScl(sclDoc({ lds: LDS, templates: LLN0_TEMPLATES, communication }));
  return { connection: doc.ieds[0]?.accessPoints[0]?.connection, warnings: doc.warnings.map((w) => w.message), doc };
}

describe('Communication: ConnectedAP Address → connection settings', () => {
  it('maps every P type the client needs', () => {
    const { connection, warnings, doc } = connectionOf(`
      <P type="IP">10.0.0.21</P><P type="IP-SUBNET">255.255.255.0</P><P type="IP-GATEWAY">10.0.0.1</P>
      <P type="OSI-TSEL">0001</P><P type="OSI-SSEL">0001</P><P type="OSI-PSEL">00000001</P>
      <P type="OSI-AP-Title">1,3,9999,23</P><P type="OSI-AE-Qualifier">23</P><P type="MMS-Port">10102</P><P type="OSI-NSAP">4900</P>`);
    expect(warnings).toEqual([]);
    expect(connection).toEqual({
      subNetwork: 'Station',
      ip: '10.0.0.21',
      ipSubnet: '255.255.255.0',
      ipGateway: '10.0.0.1',
      port: 10102,
      tsel: '0001',
      ssel: '0001',
      psel: '00000001',
      apTitle: '1.3.9999.23',
      aeQualifier: 23,
      parameters: {
        IP: '10.0.0.21',
        'IP-SUBNET': '255.255.255.0',
        'IP-GATEWAY': '10.0.0.1',
        'OSI-TSEL': '0001',
        'OSI-SSEL': '0001',
        'OSI-PSEL': '00000001',
        'OSI-AP-Title': '1,3,9999,23',
        'OSI-AE-Qualifier': '23',
        'MMS-Port': '10102',
        'OSI-NSAP': '4900',
      },
    });
    expect(doc.subNetworks.map((s) => [s.name, s.type, s.connectedAps.map((c) => `${c.iedName}/${c.apName}`)])).toEqual([['Station', '8-MMS', ['IED1/S1']]]);
  });

  it('accepts spaced selectors and dotted AP-titles; leaves unknowns undefined', () => {
    const { connection } = connectionOf('<P type="IP">192.168.0.5</P><P type="OSI-TSEL">00 01</P><P type="OSI-AP-Title">1.1.1.999.1</P>');
    expect(connection).toMatchObject({ ip: '192.168.0.5', tsel: '0001', ssel: undefined, psel: undefined, apTitle: '1.1.1.999.1', aeQualifier: undefined, port: undefined });
  });

  it.each([
    ['IP', '10.0.0.256', 'ip', 'is not an IPv4 address'],
    ['IP-GATEWAY', 'gateway', 'ipGateway', 'is not an IPv4 address'],
    ['OSI-PSEL', '001', 'psel', 'is not a hex selector with an even number of digits'],
    ['OSI-AP-Title', 'one.two', 'apTitle', 'is not an object identifier'],
    ['OSI-AE-Qualifier', '2.5', 'aeQualifier', 'is not an integer'],
    ['MMS-Port', '70000', 'port', 'is not a TCP port'],
  ])('keeps %s %j out of the settings, with a warning', (type, value, field, why) => {
    const { connection, warnings } = connectionOf(`<P type="${type}">${value}</P>`);
    expect((connection as unknown as Record<string, unknown>)[field]).toBeUndefined();
    expect(connection?.parameters[type]).toBe(value);
    expect(warnings).toEqual([`IED1/S1: P type ${type} '${value}' ${why}; it is not used`]);
  });

  it('prefers the subnetwork that gives the access point an IP address', () => {
    const first = '<SubNetwork name="Process" type="8-MMS"><ConnectedAP iedName="IED1" apName="S1"><Address><P type="OSI-TSEL">0002</P></Address></ConnectedAP></SubNetwork>';
    const { connection } = connectionOf('<P type="IP">10.1.1.1</P>', first);
    expect([connection?.subNetwork, connection?.ip]).toEqual(['Station', '10.1.1.1']);
  });

  it('leaves an access point without a ConnectedAP unconnected', () => {
    const doc = importScl(sclDoc({ lds: LDS, templates: LLN0_TEMPLATES }));
    expect(doc.ieds[0]?.accessPoints[0]).toMatchObject({ name: 'S1', hasServer: true, connection: undefined });
  });
});
