import { describe, expect, it } from 'vitest';
import { qualityToRaw } from '../iec61850';
import { PointCache, defaultStaleTimeout } from './point-cache';
import type { CachePoint } from './point-record';
import type { PointSample } from './sample';

const T0 = Date.UTC(2026, 0, 1);

function points(): CachePoint[] {
  return [
    { key: 'F7/pos', ied: 'F7', point: 'pos', ref: 'F7CTRL/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', staleTimeoutMs: 3000 },
    { key: 'F7/ia', ied: 'F7', point: 'ia', ref: 'F7MEAS/MMXU1.A.phsA.cVal.mag.f', fc: 'MX', type: 'float32', staleTimeoutMs: null },
    { key: 'F8/pos', ied: 'F8', point: 'pos', ref: 'F8CTRL/XCBR1.Pos.stVal', fc: 'ST', type: 'dbpos', staleTimeoutMs: 3000 },
  ];
}

const good = { raw: 0, knownBits: 13 };
const time = (epochMs: number) => ({
  epochMs,
  iso: new Date(epochMs).toISOString(),
  leapSecondsKnown: true,
  clockFailure: false,
  clockNotSynchronized: false,
  accuracy: 10,
});
const closed: PointSample = { value: { display: 'closed', numeric: 2 }, quality: good, time: time(T0 - 500) };

describe('PointCache', () => {
  it('starts with every point never updated and unknown values', () => {
    const cache = new PointCache(points());
    expect(cache.get('F7/pos')).toMatchObject({ status: 'never', value: null, quality: null, deviceTime: null, localTime: null, seq: 0, source: null, test: false });
    expect(cache.takeBatch()).toBeNull();
  });

  it('records a whole-FCD sample and batches each changed point once', () => {
    const cache = new PointCache(points());
    let dirtyCalls = 0;
    cache.onDirty = () => dirtyCalls++;
    const pos = cache.indexOf('F7/pos');
    cache.update(pos, closed, 'report', T0);
    cache.update(pos, { ...closed, value: { display: 'open', numeric: 1 } }, 'report', T0 + 1);
    cache.update(cache.indexOf('F7/ia'), { value: { display: 12.5, numeric: 12.5 }, quality: good }, 'poll', T0 + 2);
    expect(dirtyCalls).toBe(1);
    const batch = cache.takeBatch();
    expect(batch?.batch).toBe(1);
    expect(batch?.changes.map((c) => [c.key, c.value, c.seq])).toEqual([
      ['F7/pos', 'open', 2],
      ['F7/ia', 12.5, 1],
    ]);
    expect(batch?.changes[0]).toMatchObject({
      numeric: 1,
      quality: { validity: 'good', flags: [], raw: 0, text: 'good', test: false },
      deviceTime: new Date(T0 - 500).toISOString(),
      timeQuality: { clockNotSynchronized: false, accuracy: 10 },
      localTime: T0 + 1,
      source: 'report',
      status: 'ok',
      reason: null,
    });
    expect(cache.takeBatch()).toBeNull();
  });

  it('an unchanged poll refreshes the age but is no change', () => {
    const cache = new PointCache(points());
    const pos = cache.indexOf('F7/pos');
    cache.update(pos, closed, 'poll', T0);
    cache.takeBatch();
    cache.update(pos, closed, 'poll', T0 + 1000);
    expect(cache.takeBatch()).toBeNull();
    expect(cache.ageMs(pos, T0 + 1500)).toBe(500);
    expect(cache.get('F7/pos')?.seq).toBe(1);
  });

  it('a quality change counts; a new value without a time makes the device time unknown', () => {
    const cache = new PointCache(points());
    const pos = cache.indexOf('F7/pos');
    cache.update(pos, closed, 'report', T0);
    cache.update(pos, { quality: { raw: qualityToRaw({ validity: 'invalid', flags: ['oldData'] }), knownBits: 13 } }, 'report', T0 + 1);
    expect(cache.get('F7/pos')).toMatchObject({ seq: 2, value: 'closed', quality: { validity: 'invalid', text: 'invalid: oldData' } });
    expect(cache.get('F7/pos')?.deviceTime).not.toBeNull();
    cache.update(pos, { value: { display: 'open', numeric: 1 } }, 'report', T0 + 2);
    expect(cache.get('F7/pos')).toMatchObject({ seq: 3, value: 'open', deviceTime: null, timeQuality: null });
  });

  it('goes stale once after the timeout, and back to ok on the next update', () => {
    const cache = new PointCache(points());
    const pos = cache.indexOf('F7/pos');
    cache.update(pos, closed, 'poll', T0);
    cache.takeBatch();
    cache.tick(T0 + 3000);
    expect(cache.takeBatch()).toBeNull();
    cache.tick(T0 + 3001);
    cache.tick(T0 + 4000);
    cache.tick(T0 + 9000);
    const batch = cache.takeBatch();
    expect(batch?.changes).toHaveLength(1);
    expect(batch?.changes[0]).toMatchObject({ key: 'F7/pos', status: 'stale', value: 'closed', reason: 'no update for 3.0 s (stale timeout 3.0 s)' });
    expect(cache.takeBatch()).toBeNull();
    cache.update(pos, closed, 'poll', T0 + 9500);
    expect(cache.takeBatch()?.changes[0]).toMatchObject({ status: 'ok', reason: null, seq: 1 });
  });

  it('a point with no stale timeout never goes stale', () => {
    const cache = new PointCache(points());
    const ia = cache.indexOf('F7/ia');
    cache.update(ia, { value: { display: 1, numeric: 1 } }, 'report', T0);
    cache.tick(T0 + 86_400_000);
    expect(cache.get('F7/ia')?.status).toBe('ok');
    cache.setStaleTimeout(ia, 3000);
    cache.tick(T0 + 86_400_000);
    expect(cache.get('F7/ia')?.status).toBe('stale');
  });

  it('disconnects the points of one IED once, keeping their last value, and leaves other IEDs alone', () => {
    const cache = new PointCache(points());
    cache.update(cache.indexOf('F7/pos'), closed, 'poll', T0);
    cache.update(cache.indexOf('F8/pos'), closed, 'poll', T0);
    cache.takeBatch();
    cache.setIedDisconnected('F7', 'connection lost');
    cache.setIedDisconnected('F7', 'connection lost');
    cache.setIedDisconnected('F7', 'connect refused');
    cache.tick(T0 + 60_000);
    const batch = cache.takeBatch();
    expect(batch?.changes.map((c) => [c.key, c.status, c.reason, c.value])).toEqual([
      ['F7/pos', 'disconnected', 'connection lost', 'closed'],
      ['F7/ia', 'disconnected', 'connection lost', null],
      ['F8/pos', 'stale', 'no update for 60.0 s (stale timeout 3.0 s)', 'closed'],
    ]);
  });

  it('an access error is said once per reason', () => {
    const cache = new PointCache(points());
    const pos = cache.indexOf('F7/pos');
    cache.setError(pos, 'object-non-existent');
    cache.setError(pos, 'object-non-existent');
    expect(cache.takeBatch()?.changes).toHaveLength(1);
    cache.setError(pos, 'object-access-denied');
    expect(cache.takeBatch()?.changes[0]).toMatchObject({ status: 'error', reason: 'object-access-denied' });
  });

  it('flags test from the quality test bit or from the LN or LD behaviour', () => {
    const cache = new PointCache(points());
    const pos = cache.indexOf('F7/pos');
    cache.update(pos, closed, 'report', T0);
    cache.takeBatch();
    cache.setBehaviourTest('F7', 'F7CTRL', null, true);
    expect(cache.takeBatch()?.changes.map((c) => [c.key, c.test])).toEqual([['F7/pos', true]]);
    cache.setBehaviourTest('F7', 'F7CTRL', 'F7CTRL/XCBR1', false);
    expect(cache.get('F7/pos')?.test).toBe(false);
    cache.setBehaviourTest('F7', 'F7CTRL', 'F7CTRL/XCBR1', true);
    cache.setBehaviourTest('F7', 'F7CTRL', null, false);
    expect(cache.get('F7/pos')?.test).toBe(true);
    cache.setBehaviourTest('F7', 'F7CTRL', 'F7CTRL/XCBR1', false);
    cache.takeBatch();
    cache.update(pos, { quality: { raw: qualityToRaw({ test: true }), knownBits: 13 } }, 'report', T0 + 1);
    expect(cache.takeBatch()?.changes[0]).toMatchObject({ test: true, quality: { test: true, text: 'good | test' } });
    expect(cache.get('F8/pos')?.test).toBe(false);
  });

  it('the default stale timeout is max(3 s, 3 × the period)', () => {
    expect(defaultStaleTimeout(1000)).toBe(3000);
    expect(defaultStaleTimeout(5000)).toBe(15_000);
  });

  it('refuses a point listed twice', () => {
    const p = points();
    expect(() => new PointCache([...p, p[0]!])).toThrow('point F7/pos is listed twice');
  });
});
