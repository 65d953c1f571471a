import type { PointConfig } from '../../contract';

/**
 * The topic layout of CONVENTIONS.md "MQTT", computed once from the project:
 *
 *   {root}/status                 online | offline (retained, the Last Will)
 *   {root}/gateway                which gateway publishes this root (retained JSON; docs/MQTT.md)
 *   {root}/{ied}/status           connected | connecting | disconnected | error (retained)
 *   {root}/{ied}/{point}/value    plain scalar
 *   {root}/{ied}/{point}/state    JSON state
 *
 * A point's `mqtt.topic` replaces `{ied}/{point}`. Every level is sanitised (`+ # /` and control
 * characters become `_`) and two owners of one topic are a collision, reported with both names.
 */
export interface PointTopics {
  /** `{ied}/{point}`, the PointState key. */
  key: string;
  value: string;
  state: string;
}

export interface TopicIssue {
  severity: 'error' | 'warning';
  code: 'collision' | 'sanitised' | 'empty-level';
  message: string;
  /** Point keys (`ied/point`) or `root` / `ied:<id>` the issue is about. */
  owners: string[];
}

export interface TopicMap {
  root: string;
  status: string;
  gateway: string;
  iedStatus: ReadonlyMap<string, string>;
  /** By point key; points with `mqtt.enabled: false` are absent. */
  points: ReadonlyMap<string, PointTopics>;
  issues: TopicIssue[];
}

export type TopicPoint = Pick<PointConfig, 'id' | 'ied' | 'mqtt'>;

const REPLACED = /[+#/\p{Cc}\p{Cs}]/gu;

/** One topic level: `+`, `#`, `/`, control characters and lone surrogates become `_`; empty becomes `_`. */
export function sanitizeSegment(segment: string): string {
  const clean = segment.replace(REPLACED, '_');
  return clean === '' ? '_' : clean;
}

/**
 * A multi-level path (the root, a point's topic): each level sanitised, empty levels removed, and a
 * leading `$` (reserved for broker topics such as `$SYS`, which `#` does not match) replaced.
 */
export function sanitizePath(path: string): { path: string; changed: boolean; emptyLevels: boolean } {
  const levels = path.split('/');
  const kept = levels.filter((l) => l !== '');
  const clean = kept.map(sanitizeSegment);
  if (clean.length > 0 && clean[0]!.startsWith('$')) clean[0] = `_${clean[0]!.slice(1)}`;
  const out = clean.length === 0 ? '_' : clean.join('/');
  return {
    path: out,
    changed: clean.some((l, i) => l !== kept[i]),
    emptyLevels: kept.length !== levels.length || kept.length === 0,
  };
}

/** Point key as PointState has it. */
export function pointKey(ied: string, point: string): string {
  return `${ied}/${point}`;
}

export function isPublished(p: TopicPoint): boolean {
  return p.mqtt?.enabled !== false;
}

export function buildTopicMap(
  root: string,
  ieds: readonly string[],
  points: readonly TopicPoint[],
): TopicMap {
  const issues: TopicIssue[] = [];
  const r = sanitizePath(root);
  pathIssues(issues, 'root', `topic root '${root}'`, r);
  const owners = new Map<string, string>();
  const claim = (topic: string, owner: string): void => {
    const first = owners.get(topic);
    if (first === undefined) owners.set(topic, owner);
    else if (first !== owner)
      issues.push({
        severity: 'error',
        code: 'collision',
        message: `${describe(first)} and ${describe(owner)} both publish to '${topic}'`,
        owners: [first, owner],
      });
  };
  const status = `${r.path}/status`;
  const gateway = `${r.path}/gateway`;
  claim(status, 'root');
  claim(gateway, 'root');
  const iedStatus = new Map<string, string>();
  for (const ied of ieds) {
    const topic = `${r.path}/${sanitizeSegment(ied)}/status`;
    iedStatus.set(ied, topic);
    claim(topic, `ied:${ied}`);
  }
  const map = new Map<string, PointTopics>();
  for (const p of points) {
    if (!isPublished(p)) continue;
    const key = pointKey(p.ied, p.id);
    const base = pointBase(p, key, issues);
    const topics = { key, value: `${r.path}/${base}/value`, state: `${r.path}/${base}/state` };
    claim(topics.value, key);
    claim(topics.state, key);
    map.set(key, topics);
  }
  return { root: r.path, status, gateway, iedStatus, points: map, issues };
}

function pointBase(p: TopicPoint, key: string, issues: TopicIssue[]): string {
  const custom = p.mqtt?.topic;
  if (custom === undefined) return `${sanitizeSegment(p.ied)}/${sanitizeSegment(p.id)}`;
  const s = sanitizePath(custom);
  pathIssues(issues, key, `point ${key}'s topic '${custom}'`, s);
  return s.path;
}

function pathIssues(
  issues: TopicIssue[],
  owner: string,
  what: string,
  s: ReturnType<typeof sanitizePath>,
): void {
  if (s.changed)
    issues.push({
      severity: 'warning',
      code: 'sanitised',
      message: `${what} was sanitised to '${s.path}'`,
      owners: [owner],
    });
  if (s.emptyLevels)
    issues.push({
      severity: 'warning',
      code: 'empty-level',
      message: `${what} has empty levels; they were removed ('${s.path}')`,
      owners: [owner],
    });
}

function describe(owner: string): string {
  if (owner === 'root') return 'the gateway status';
  if (owner.startsWith('ied:')) return `IED ${owner.slice(4)}'s status`;
  return `point ${owner}`;
}
