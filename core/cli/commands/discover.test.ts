import { describe, expect, it } from 'vitest';
import type { DiscoveredModel } from '../../client';
import { formatModel } from './discover';

// RCBs as libiec61850 1.5.3's servers hold them: basic_io (DatSet in the MMS form `LD/LN$DS`),
// substitution (urcb01 configured without a data set: DatSet is the LN alone) and dynamic (DatSet '').
const model: DiscoveredModel = {
  logicalDevices: ['simpleIOGenericIO'],
  logicalNodes: [],
  leaves: [],
  dataSets: [],
  reportControls: [
    {
      ref: 'simpleIOGenericIO/LLN0.EventsRCB01',
      buffered: false,
      rptId: 'Events1',
      dataSet: 'simpleIOGenericIO/LLN0$Events',
    },
    {
      ref: 'simpleIOGenericIO/LLN0.EventsBRCBPreConf01',
      buffered: true,
      rptId: 'Events2',
      dataSet: 'simpleIOGenericIO/LLN0$Events',
    },
    { ref: 'IED1LD1/LLN0.urcb01', buffered: false, rptId: '13e08c78', dataSet: 'IED1LD1/LLN0$' },
    { ref: 'testmodelSENSORS/LLN0.events01', buffered: false, rptId: 'events01', dataSet: '' },
  ],
  warnings: [],
};

describe('discover text', () => {
  it('aligns the RCB table and names data sets as the data set list does', () => {
    const rcbs = formatModel('127.0.0.1:10102', model).split('\n').slice(-4);
    expect(rcbs).toEqual([
      '  simpleIOGenericIO/LLN0.EventsRCB01          URCB  RptID Events1  DatSet simpleIOGenericIO/LLN0.Events',
      '  simpleIOGenericIO/LLN0.EventsBRCBPreConf01  BRCB  RptID Events2  DatSet simpleIOGenericIO/LLN0.Events',
      '  IED1LD1/LLN0.urcb01                         URCB  RptID 13e08c78  DatSet (none)',
      '  testmodelSENSORS/LLN0.events01              URCB  RptID events01  DatSet (none)',
    ]);
  });
});
