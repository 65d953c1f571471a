import { describe, expect, it } from 'vitest';
import { ProjectSchema, type VerifyReport } from '../contract';
import { buildReportData, renderReportHtml } from '../report';
import { externalReferences, parseHtml } from './support/html-check';

/** The report renderer alone (pure): structure, escaping of hostile names, no external references. */

const EVIL = `<script>alert("x")</script>&amp;'"`;

const project = ProjectSchema.parse({
  schemaVersion: 1,
  name: `Feeder ${EVIL}`,
  description: `</td></tr></table><img src=x onerror=alert(1)>`,
  ieds: [{ id: 'IED1', name: `<b>bold</b>`, host: '127.0.0.1', origin: { scl: `a"b<c>.scd`, ied: 'IED1' } }],
  points: [
    {
      id: 'P1',
      ied: 'IED1',
      label: `<style>body{background:url(http://example.invalid/x)}</style>`,
      ref: 'LD0/MMXU1.TotW.mag.f',
      fc: 'MX',
      type: 'float32',
      source: 'poll',
      modbus: { area: 'holding', address: 0, type: 'float32', wordOrder: 'CDAB' },
    },
  ],
  mqtt: { enabled: true, url: 'mqtt://user:secret@127.0.0.1:1883', topicRoot: 'site/<a>' },
});

const verify: VerifyReport = {
  project: project.name,
  projectPath: null,
  version: '0.1.0',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  map: "the project's map",
  modbus: '127.0.0.1:40000',
  mqtt: null,
  notes: [],
  steps: [{ step: 'good', quality: 'good', durationMs: 500 }],
  ieds: [{ id: 'IED1', served: true, source: 'SCL x', address: '127.0.0.1:1', problem: null }],
  points: [
    {
      ied: 'IED1',
      point: 'P1',
      ref: 'LD0/MMXU1.TotW.mag.f',
      fc: 'MX',
      type: 'float32',
      result: 'fail',
      modbus: 'holding 0-1 (40001-40002) float32 CDAB',
      mqtt: null,
      checks: 2,
      failures: [{ step: 'good', output: 'modbus', item: 'value', where: 'holding 0-1', expected: '110.25', read: `<script>1</script>` }],
      latencyMs: { modbus: [null], mqtt: [] },
      note: null,
    },
  ],
  summary: { points: 1, passed: 0, failed: 1, notRun: 0 },
  passed: false,
};

describe('renderReportHtml', () => {
  const html = renderReportHtml(buildReportData(project, { projectPath: '/p.json', version: '0.1.0', probe: null, verify, now: () => new Date('2026-01-02T03:04:05.000Z') }));
  const doc = parseHtml(html);

  it('is a well-formed HTML document: no parse error, one title, the sections in order', () => {
    expect(doc.errors).toEqual([]);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.all('html')[0] && doc.attr(doc.all('html')[0]!, 'lang')).toBe('en');
    expect(doc.all('meta').some((m) => doc.attr(m, 'charset') === 'utf-8')).toBe(true);
    expect(doc.all('title').map((t) => doc.text(t))).toEqual([`FAT/SAT evidence report — Feeder ${EVIL}`]);
    expect(doc.all('section').map((s) => doc.attr(s, 'id'))).toEqual(['summary', 'ieds', 'points', 'verify', 'modbus', 'mqtt', 'signatures']);
    expect(doc.all('style')).toHaveLength(1);
  });

  it('shows hostile names as text: no script, image, event handler or stray element from the data', () => {
    expect(externalReferences(doc)).toEqual([]);
    expect(doc.all('script')).toEqual([]);
    expect(doc.all('b')).toEqual([]);
    expect(doc.all('style')).toHaveLength(1);
    const cells = doc.all('td').map((td) => doc.text(td));
    expect(cells).toContain(`Feeder ${EVIL}`);
    expect(cells).toContain(`</td></tr></table><img src=x onerror=alert(1)>`);
    expect(cells).toContain(`<b>bold</b>`);
    expect(cells).toContain(`<style>body{background:url(http://example.invalid/x)}</style>`);
    expect(html).not.toContain('secret');
  });

  it('carries the map rows, the topics and the checklist with its failure', () => {
    const cells = doc.all('td').map((td) => doc.text(td));
    expect(cells).toEqual(expect.arrayContaining(['holding', '40001', 'float32', 'CDAB', 'site/<a>/IED1/P1/value', 'holding 0-1 (40001-40002) float32 CDAB']));
    const failure = doc.all('li').map((li) => doc.text(li)).find((t) => t.startsWith('good: modbus value'));
    expect(failure).toBe('good: modbus value at holding 0-1: expected 110.25, read <script>1</script>');
    expect(doc.text(doc.all('footer')[0]!)).toMatch(/^RelayGate 0\.1\.0 — Feeder .* — project SHA-256 [0-9a-f]{64} — 2026-01-02T03:04:05\.000Z$/);
  });
});
