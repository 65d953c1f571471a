import { createHash } from 'node:crypto';
import type { Project, ProbeResult, ReportData, VerifyReport } from '../contract';
import { buildTopicMap, compileRegisterMap, mapRows, redactUrl, registerRange, type MappedPoint } from '../outputs';

export interface ReportInput {
  readonly projectPath: string | null;
  readonly version: string;
  /** A live read of every point (probeProject); null: not probed. */
  readonly probe: ProbeResult | null;
  /** A point-to-point check of this project; null: none. */
  readonly verify: VerifyReport | null;
  readonly now?: () => Date;
  readonly title?: string;
}

function modbusSummary(p: Project): string {
  const m = p.modbus;
  if (!m.enabled) return 'off';
  const policy = m.badValuePolicy.mode === 'hold' ? 'hold' : `substitute ${m.badValuePolicy.value}`;
  return `on, ${m.bind}:${m.port}, unit id ${m.unitId}${m.checkUnitId ? '' : ' (any)'}, bad values ${policy}${m.fillGaps ? ', gaps read 0' : ''}${m.allowList.length > 0 ? `, clients ${m.allowList.join(' ')}` : ''}`;
}

function mqttSummary(p: Project): string {
  const m = p.mqtt;
  if (!m.enabled) return 'off';
  const broker = m.embeddedBroker?.enabled ? `embedded broker ${m.embeddedBroker.host}:${m.embeddedBroker.port}` : redactUrl(m.url);
  return `on, ${broker}, topic root ${m.topicRoot}, ${m.payload === 'sparkplug' ? 'Sparkplug B' : 'JSON'}, QoS ${m.qos}${m.retain ? ', retained' : ''}`;
}

function place(p: MappedPoint | undefined): string | null {
  if (!p) return null;
  const m = p.modbus;
  return `${registerRange(m.area, m.address, p.length)} ${m.type}${p.length > 1 ? ` ${m.wordOrder}` : ''}`;
}

function originText(o: Project['ieds'][number]['origin']): string | null {
  if (!o) return null;
  if ('scl' in o) return `SCL ${o.scl}, IED ${o.ied}`;
  if ('model' in o) return `saved model ${o.model}`;
  return `discovered from ${o.discovered}`;
}

/**
 * Everything the FAT/SAT report shows, gathered from the project, a live probe and a point-to-point
 * check when there are any: the map rows are `modbus-map --csv`'s, the topics the publisher's.
 */
export function buildReportData(project: Project, input: ReportInput): ReportData {
  const now = (input.now ?? (() => new Date()))();
  const { map, problems } = compileRegisterMap(project.points);
  const topics = buildTopicMap(project.mqtt.topicRoot, project.ieds.map((i) => i.id), project.points);
  const probed = new Map((input.probe?.points ?? []).map((s) => [s.key, s]));
  const probedIeds = new Map((input.probe?.ieds ?? []).map((i) => [i.id, i]));
  const mqttOn = project.mqtt.enabled && project.mqtt.payload === 'json';
  return {
    title: input.title ?? `FAT/SAT evidence report — ${project.name}`,
    generatedAt: now.toISOString(),
    version: input.version,
    project: {
      name: project.name,
      description: project.description ?? null,
      path: input.projectPath,
      sha256: createHash('sha256').update(JSON.stringify(project)).digest('hex'),
      modbus: modbusSummary(project),
      mqtt: mqttSummary(project),
    },
    ieds: project.ieds.map((i) => ({
      id: i.id,
      name: i.name ?? null,
      address: `${i.host}:${i.port}`,
      enabled: i.enabled,
      origin: originText(i.origin),
      points: project.points.filter((p) => p.ied === i.id).length,
      reports: i.reports.map((r) => `${r.id} (${r.rcb})`),
      probe: probedIeds.get(i.id) ?? null,
    })),
    points: project.points.map((p) => {
      const key = `${p.ied}/${p.id}`;
      return {
        ied: p.ied,
        point: p.id,
        label: p.label ?? null,
        ref: p.ref,
        fc: p.fc,
        type: p.type,
        source: p.source === 'report' ? `report ${p.report ?? ''}`.trim() : `poll ${p.pollGroup ?? 'default'}`,
        modbus: place(map.byKey.get(key)),
        mqtt: mqttOn ? (topics.points.get(key)?.value ?? null) : null,
        probe: probed.get(key) ?? null,
      };
    }),
    probe: input.probe ? { startedAt: input.probe.startedAt, durationMs: input.probe.durationMs } : null,
    modbusMap: mapRows(map),
    modbusMapProblems: problems.map((p) => p.message),
    mqttTopics: {
      enabled: mqttOn,
      root: topics.root,
      status: topics.status,
      iedStatus: [...topics.iedStatus].map(([ied, topic]) => ({ ied, topic })),
      points: [...topics.points.values()].map((t) => {
        const [ied = '', point = ''] = t.key.split('/');
        return { ied, point, value: t.value, state: t.state };
      }),
      issues: topics.issues.map((i) => `${i.severity}: ${i.message}`),
    },
    verify: input.verify,
  };
}
