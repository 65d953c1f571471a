import { describe, expect, it } from 'vitest';
import { hrefOf, SECTIONS, sectionFromHash } from './sections';

describe('sectionFromHash', () => {
  it.each([
    ['', 'start'],
    ['#/', 'start'],
    ['#/ieds', 'ieds'],
    ['#modbus', 'modbus'],
    ['#/diagnostics/filter', 'diagnostics'],
    ['#/mqtt?x=1', 'mqtt'],
    ['#/constructor', 'start'],
    ['#/nowhere', 'start'],
  ])('%j → %s', (hash, section) => {
    expect(sectionFromHash(hash)).toBe(section);
  });

  it('round-trips every section through its href', () => {
    for (const { id } of SECTIONS) expect(sectionFromHash(hrefOf(id))).toBe(id);
    expect(sectionFromHash(hrefOf('start'))).toBe('start');
  });
});
