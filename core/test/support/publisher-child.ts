/**
 * A gateway stand-in for tests that kill the process: runs one MqttPublisher with the options given as
 * JSON in argv[2], prints `connected` once connected, publishes the batches and IED statuses given, then
 * prints `published` and waits to be killed.
 *
 *   node --import tsx core/test/support/publisher-child.ts '{"options":{…},"batches":[…],"ieds":{"IED1":"connected"}}'
 */
import type { MqttIedStatus, PointBatch } from '../../contract';
import { MqttPublisher, type MqttPublisherOptions } from '../../outputs';

interface ChildInput {
  options: MqttPublisherOptions;
  batches?: PointBatch[];
  ieds?: Record<string, MqttIedStatus>;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const publisher = new MqttPublisher({ ...input.options, log: (level, message) => process.stderr.write(`${level}: ${message}\n`) });
let announced = false;
publisher.on('connection', (state) => {
  if (state !== 'connected' || announced) return;
  announced = true;
  process.stdout.write('connected\n');
  for (const [ied, status] of Object.entries(input.ieds ?? {})) publisher.setIedStatus(ied, status);
  for (const b of input.batches ?? []) publisher.publish(b);
  // Let the writes leave before saying so: the test kills the process right after.
  setTimeout(() => process.stdout.write('published\n'), 300);
});
await publisher.start();
setInterval(() => undefined, 60_000);
