import { z } from 'zod';
import { channels, type ChannelName, type EventName } from './channels';
import type { PointRowsPayload } from './point-rows';

/**
 * JSON messages of the WebSocket binding.
 *   client → server  {"id": 7, "method": "getStatus", "params": {}}
 *   server → client  {"id": 7, "result": {...}} | {"id": 7, "error": {"code": "...", "message": "..."}}
 *   server → client  {"event": "statusChanged", "payload": {...}}
 *   server → client  {"event": "pointBatch", "encoding": "rows", "payload": {...}}   asked for by /api?pointBatch=rows
 */

/** A request larger than this is refused before it is parsed. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Requests that carry a whole project (or an SCL file's text) may be this large: a project of 200,000
 * points is tens of megabytes. The method is read from the start of the message (where clients put it)
 * before anything is parsed, and checked again after.
 */
export const MAX_LARGE_REQUEST_BYTES = 64 * 1024 * 1024;

/** Channels whose params may be large (see MAX_LARGE_REQUEST_BYTES). */
export const LARGE_REQUEST_CHANNELS: ReadonlySet<string> = new Set([
  'saveProject',
  'validateProject',
  'startRuntime',
  'addIeds',
  'modbusMap',
  'autoAssignModbus',
  'sclOverview',
  'sclIed',
]);

/** The method a message names near its start, without parsing it; null when it names none there. */
function peekMethod(raw: string): string | null {
  return /^\s*\{\s*(?:"id"\s*:\s*\d{1,16}\s*,\s*)?"method"\s*:\s*"([A-Za-z]{1,100})"/.exec(raw.slice(0, 160))?.[1] ?? null;
}

export type WireErrorCode =
  | 'too-large'
  | 'bad-json'
  | 'bad-shape'
  | 'unknown-method'
  | 'bad-params'
  | 'handler-failed'
  /** The caller's role may not use this channel (a viewer asking to start the runtime). */
  | 'forbidden'
  /** The caller's session ended (logged out, expired): log in again. */
  | 'unauthorized';

export interface WireError {
  code: WireErrorCode;
  message: string;
}

export interface WireRequest {
  id: number;
  method: ChannelName;
  params: unknown;
}

export type ServerMessage =
  | { id: number; result: unknown }
  | { id: number | null; error: WireError }
  | { event: EventName; payload: unknown }
  /** pointBatch for a client that asked for it in rows form (`/api?pointBatch=rows`, point-rows.ts). */
  | { event: 'pointBatch'; encoding: 'rows'; payload: PointRowsPayload };

const RequestEnvelope = z
  .object({
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    method: z.string().max(100),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type ParseOutcome =
  | { ok: true; request: WireRequest }
  | { ok: false; id: number | null; error: WireError };

/**
 * Validates one raw message from a client: size, JSON, envelope, method name, then the channel's own
 * params schema. Never throws; a refusal carries the request id when it could be read, so the client can
 * match the error to its call.
 */
export function parseClientMessage(raw: string): ParseOutcome {
  const bytes = raw.length * 3 <= MAX_REQUEST_BYTES ? raw.length : new TextEncoder().encode(raw).length;
  const peeked = bytes > MAX_REQUEST_BYTES ? peekMethod(raw) : null;
  const limit = peeked !== null && LARGE_REQUEST_CHANNELS.has(peeked) ? MAX_LARGE_REQUEST_BYTES : MAX_REQUEST_BYTES;
  if (bytes > limit) {
    return refuse(null, 'too-large', `message of ${bytes} bytes exceeds the ${limit}-byte limit`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return refuse(null, 'bad-json', `message is not valid JSON: ${(err as Error).message}`);
  }
  const envelope = RequestEnvelope.safeParse(json);
  if (!envelope.success) {
    return refuse(idOf(json), 'bad-shape', `request envelope: ${describeIssues(envelope.error)}`);
  }
  const { id, method } = envelope.data;
  if (bytes > MAX_REQUEST_BYTES && method !== peeked) {
    return refuse(id, 'too-large', `message of ${bytes} bytes exceeds the ${MAX_REQUEST_BYTES}-byte limit of ${method}`);
  }
  if (!Object.hasOwn(channels, method)) {
    return refuse(id, 'unknown-method', `unknown method '${method}'`);
  }
  const channel = channels[method as ChannelName];
  const params = channel.params.safeParse(envelope.data.params ?? {});
  if (!params.success) {
    return refuse(id, 'bad-params', `${method} params: ${describeIssues(params.error)}`);
  }
  return { ok: true, request: { id, method: method as ChannelName, params: params.data } };
}

/** One line per problem: `path: message`, joined. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function refuse(id: number | null, code: WireErrorCode, message: string): ParseOutcome {
  return { ok: false, id, error: { code, message } };
}

function idOf(json: unknown): number | null {
  if (typeof json === 'object' && json !== null && 'id' in json) {
    const id = (json as { id: unknown }).id;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) return id;
  }
  return null;
}

/** Client-side check of a server message (the renderer must not trust shapes blindly either). */
export function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.event === 'string') return 'payload' in v;
  return (typeof v.id === 'number' || v.id === null) && ('result' in v || 'error' in v);
}
