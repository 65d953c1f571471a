import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectSchema, type Project } from '../contract';
import { Simulator } from '../sim';
import { runBuiltCli } from './support/cli-process';
import { FEEDER_SCL } from './support/feeder-project';
import { freePort } from './support/mosquitto';
import { externalReferences, parseHtml, sectionRows } from './support/html-check';

/**
 * `relaygate report` headless against the simulated feeder relay: a self-contained, valid HTML document
 * holding every probed point as the IED served it, and a PDF that opens (pdftoppm renders its first page).
 */

let dir: string;
let sim: Simulator;
let projectPath: string;
let project: Project;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'relaygate-report-'));
  sim = await Simulator.start({ scl: FEEDER_SCL });
  // Values a probe must show as they are, not as the SCL starts them.
  sim.set('FDR1MEAS/MMXU1.TotW[MX]', { value: 4.25, quality: 'questionable | oldData', time: '2026-03-04T05:06:07.125Z' });
  sim.set('FDR1CTRL/Q0XCBR1.Pos[ST]', { value: 'open', time: '2026-03-04T05:06:08.250Z' });
  sim.setMode('FDR1PROT', 'test');
  projectPath = join(dir, 'feeder.json');
  const init = await runBuiltCli(['init', FEEDER_SCL, '--host', `127.0.0.1:${sim.port}`, '--out', projectPath]);
  expect(init.code).toBe(0);
  project = ProjectSchema.parse(JSON.parse(readFileSync(projectPath, 'utf8')));
});

afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});



describe('relaygate report --probe', () => {
  it('writes a valid, self-contained HTML report holding every point with what the IED served', async () => {
    const out = join(dir, 'report.html');
    const r = await runBuiltCli(['report', projectPath, '--probe', '--out', out], 60_000);
    // Only progress lines on stderr (not a terminal): no warning, no error.
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('report: '))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    const html = readFileSync(out, 'utf8');
    const doc = parseHtml(html);
    expect(doc.errors).toEqual([]);
    expect(externalReferences(doc)).toEqual([]);

    const points = sectionRows(doc, 'points');
    expect(points).toHaveLength(project.points.length);
    for (const p of project.points) expect(points.some((cells) => cells[1] === p.id)).toBe(true);
    // Columns: IED, point, label, reference, type, source, Modbus, MQTT, value, quality, device time, status.
    const byId = new Map(points.map((cells) => [cells[1], cells]));
    expect(byId.get('MEAS_MMXU1_TotW_mag_f')?.slice(8)).toEqual(['4.25', 'questionable: oldData', '2026-03-04T05:06:07.125Z', 'ok']);
    expect(byId.get('CTRL_Q0XCBR1_Pos_stVal')?.slice(8)).toEqual(['open', 'good', '2026-03-04T05:06:08.250Z', 'ok']);
    expect(byId.get('PROT_PTRC1_Tr_general')?.slice(8, 12)).toEqual(['false', 'good | test', expect.stringMatching(/^20\d\d-/), 'ok, test']);
    for (const cells of points) expect(cells[11]).toMatch(/^ok/);

    const ied = sectionRows(doc, 'ieds').find((cells) => cells[0] === 'FDR1');
    // vendor, model, revision from Identify; Mod/Beh of each LD in use.
    expect(ied?.slice(7, 10)).toEqual(['RelayGate', 'RG-F100', '1.0']);
    expect(ied?.[10]).toContain('FDR1PROT: test / test');
    expect(ied?.[10]).toContain('FDR1LD0: on / on');

    const map = sectionRows(doc, 'modbus');
    const csv = await runBuiltCli(['modbus-map', projectPath, '--csv']);
    const csvRows = csv.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    expect(map).toEqual(csvRows);
    const topics = sectionRows(doc, 'mqtt').filter((cells) => cells.length === 4);
    expect(topics).toContainEqual(['FDR1', 'CTRL_Q0XCBR1_Pos_stVal', 'relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/value', 'relaygate/FDR1/CTRL_Q0XCBR1_Pos_stVal/state']);
    expect(doc.text(doc.all('footer')[0]!)).toMatch(/^RelayGate \d+\.\d+\.\d+/);
  }, 60_000);
});

describe('relaygate report: bad input and IEDs that cannot be read', () => {
  it('a missing, unreadable or broken project file is one clear line naming it, exit 1, nothing written', async () => {
    const out = join(dir, 'none.html');
    const missing = await runBuiltCli(['report', join(dir, 'absent.json'), '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`relaygate report: project/unreadable: cannot read the project file ${join(dir, 'absent.json')}: no such file`);
    const folder = await runBuiltCli(['report', dir, '--out', out]);
    expect(folder.stderr.trim()).toBe(`relaygate report: project/unreadable: ${dir} is a folder, not a project file`);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1, "name": ');
    const bad = await runBuiltCli(['report', broken, '--out', out]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^relaygate report: project/bad-json: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(existsSync(out)).toBe(false);
  });

  it('--probe with an IED that does not answer: the report says so (disconnected, the reason, no value), stderr names it, exit 1', async () => {
    const deadPort = await freePort();
    const deadPath = join(dir, 'dead.json');
    const dead = { ...project, ieds: project.ieds.map((i) => ({ ...i, port: deadPort, connectTimeoutMs: 1000 })) };
    writeFileSync(deadPath, JSON.stringify(dead));
    const out = join(dir, 'dead.html');
    const r = await runBuiltCli(['report', deadPath, '--probe', '--out', out], 60_000);
    expect(r.code).toBe(1);
    expect(r.stdout.trim()).toBe(out);
    expect(r.stderr).toContain(`relaygate report: IED FDR1 could not be probed (cannot connect to 127.0.0.1:${deadPort}`);
    const doc = parseHtml(readFileSync(out, 'utf8'));
    expect(doc.errors).toEqual([]);
    const points = sectionRows(doc, 'points');
    expect(points).toHaveLength(project.points.length);
    for (const cells of points) {
      // value, quality, device time unknown; the status says why.
      expect(cells.slice(8, 11)).toEqual(['—', '—', '—']);
      expect(cells[11]).toMatch(new RegExp(`^disconnected: cannot connect to 127\\.0\\.0\\.1:${deadPort}`));
    }
    const ied = sectionRows(doc, 'ieds').find((cells) => cells[0] === 'FDR1');
    expect(ied?.slice(7, 10)).toEqual(['—', '—', '—']);
    expect(ied?.[11]).toMatch(/^cannot connect to/);
  }, 60_000);

  it('a PDF without a Chromium is refused before any IED is contacted, with where it looked and the fix', async () => {
    const out = join(dir, 'nochrome.html');
    const r = await runBuiltCli(['report', projectPath, '--probe', '--pdf', '--out', out], 20_000, { RELAYGATE_CHROMIUM: join(dir, 'no-such-chromium') });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `relaygate report: print/no-chromium: a PDF needs Chromium or Chrome: RELAYGATE_CHROMIUM=${join(dir, 'no-such-chromium')} does not exist; ` +
        'install one (Debian: apt-get install chromium) or set RELAYGATE_CHROMIUM to its path (or write --out FILE.html)',
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('relaygate report with the checklist, as PDF', () => {
  it('--verify --pdf: the HTML carries the passed checklist, and the PDF opens (pdftoppm renders page 1)', async () => {
    const out = join(dir, 'fat.html');
    const r = await runBuiltCli(['report', projectPath, '--probe', '--verify', '--out', out, '--pdf'], 90_000);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([out, join(dir, 'fat.pdf')]);
    const doc = parseHtml(readFileSync(out, 'utf8'));
    expect(doc.errors).toEqual([]);
    const checklist = sectionRows(doc, 'verify').filter((cells) => cells.length === 11);
    expect(checklist).toHaveLength(project.points.length);
    expect(checklist.every((cells) => cells[0] === 'PASS')).toBe(true);

    const pdf = join(dir, 'fat.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const png = join(dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
    expect(existsSync(`${png}.png`)).toBe(true);
    expect(readFileSync(`${png}.png`).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(`${png}.png`).size).toBeGreaterThan(10_000);
  }, 120_000);

  it('--checklist takes a saved verify --json; a file that is not one is refused with the reason', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ project: 'x' }));
    const r = await runBuiltCli(['report', projectPath, '--checklist', bad, '--out', join(dir, 'x.html')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^relaygate report: .*bad\.json is not a checklist of relaygate verify --json/);
    const usage = await runBuiltCli(['report', projectPath]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--out FILE is required');
  });
});
