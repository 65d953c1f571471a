import { describe, expect, it } from 'vitest';
import type { MqttStatus } from '../../../../core/contract';
import { connectionText } from './connection-text';

const ZERO = { generated: 0, sent: 0, acknowledged: 0, queued: 0, superseded: 0, dropped: 0, outbox: 0, resent: 0, errors: 0 };
const BASE: MqttStatus = {
  enabled: true,
  url: 'mqtt://127.0.0.1:1883',
  clientId: 'relaygate-gw1',
  instanceId: 'gw1',
  topicRoot: 'relaygate',
  payload: 'sparkplug',
  connection: 'waiting',
  lastError: null,
  connectedSince: null,
  reconnects: 0,
  counters: ZERO,
  recent: [],
  warnings: [],
  sparkplug: { groupId: 'RelayGate', edgeNodeId: 'gw1', bdSeq: 3, seq: 0, primaryHost: null },
};
const HOST = { id: 'scada', online: false, timestamp: '2026-12-03T22:00:00.000Z', text: "waiting for primary host 'scada': its STATE says offline" };

describe('connectionText', () => {
  it('says whom a connected Sparkplug edge node waits for', () => {
    const s: MqttStatus = { ...BASE, connectedSince: '2026-12-03T22:00:01.000Z', sparkplug: { ...BASE.sparkplug!, primaryHost: HOST } };
    expect(connectionText(s)).toBe("connected, waiting for primary host 'scada': its STATE says offline");
  });

  it('keeps the broker retry text when not connected, with or without a primary host', () => {
    expect(connectionText(BASE)).toBe('not connected: waiting to try again');
    expect(connectionText({ ...BASE, sparkplug: { ...BASE.sparkplug!, primaryHost: HOST } })).toBe('not connected: waiting to try again');
    expect(connectionText({ ...BASE, connection: 'connected', connectedSince: '2026-12-03T22:00:01.000Z' })).toBe('connected');
  });
});
