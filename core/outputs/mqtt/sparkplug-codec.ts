import sparkplugPayload from 'sparkplug-payload';
import type { UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';

/**
 * Sparkplug B payload encoding through Eclipse Tahu's `sparkplug-payload` (protobuf), never by hand.
 * Decoding is for arriving commands (NCMD), which are hostile input: bounded in size, and a malformed
 * payload is an error naming the topic, not a crash.
 */
const codec = sparkplugPayload.get('spBv1.0');
if (codec === null) throw new Error("sparkplug-payload does not know the 'spBv1.0' namespace");
const spB = codec;

export const SPARKPLUG_NAMESPACE = 'spBv1.0';

/** Larger command payloads are refused before decoding. */
export const MAX_COMMAND_BYTES = 64 * 1024;

export function encodeSparkplug(payload: UPayload): Uint8Array {
  return spB.encodePayload(payload);
}

export function decodeSparkplug(bytes: Uint8Array, topic: string): UPayload {
  if (bytes.length > MAX_COMMAND_BYTES)
    throw new RangeError(
      `Sparkplug payload on '${topic}' has ${bytes.length} bytes, more than ${MAX_COMMAND_BYTES}`,
    );
  try {
    return spB.decodePayload(bytes);
  } catch (err) {
    throw new Error(
      `Sparkplug payload on '${topic}' does not decode: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}
