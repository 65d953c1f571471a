import { describe, expect, it } from 'vitest';
import { sparkplugIdProblem } from './sparkplug-ids';

describe('sparkplugIdProblem', () => {
  it('accepts one topic level', () => {
    expect(sparkplugIdProblem('SCADA-1', 'the primary host id')).toBeNull();
    expect(sparkplugIdProblem('x'.repeat(128), 'the group id')).toBeNull();
  });

  it.each([
    ['', 'the group id is empty'],
    ['a/b', "the group id is one MQTT topic level: '/' is not allowed"],
    ['a+', "the group id is one MQTT topic level: '+' is not allowed"],
    ['#', "the group id is one MQTT topic level: '#' is not allowed"],
    ['a\u0000', "the group id is one MQTT topic level: 'NUL' is not allowed"],
    ['x'.repeat(129), 'the group id has 129 characters; at most 128'],
  ])('refuses %j: %s', (id, message) => {
    expect(sparkplugIdProblem(id, 'the group id')).toBe(message);
  });
});
