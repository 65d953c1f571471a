/**
 * A gateway stand-in for tests that kill the process: runs one MqttPublisher with the options given as
 * JSON in argv[2], prints `connected` once connected, then publishes the IED statuses and batches given
 * (at once, or when the line `go` arrives on stdin with `waitForGo`), prints `published`, and waits to be
 * killed.
 *
 *   node --import tsx core/test/support/publisher-child.ts '{"options":{…},"batches":[…],"ieds":{"IED1":"connected"}}'
 */
import { createInterface } from 'node:readline';
import type { MqttIedStatus, PointBatch } from '../../contract';
import { MqttPublisher, type MqttPublisherOptions } from '../../outputs';

interface ChildInput {
  options: MqttPublisherOptions;
  batches?: PointBatch[];
  ieds?: Record<string, MqttIedStatus>;
  waitForGo?: boolean;
}

const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
const publisher = new MqttPublisher({
  ...input.options,
  log: (level, message) => process.stderr.write(`${level}: ${message}\n`),
});

function publishAll(): void {
  for (const [ied, status] of Object.entries(input.ieds ?? {})) publisher.setIedStatus(ied, status);
  for (const b of input.batches ?? []) publisher.publish(b);
  // Let the writes leave before saying so: the test may kill the process right after.
  setTimeout(() => process.stdout.write('published\n'), 300);
}

let announced = false;
publisher.on('connection', (state) => {
  if (state !== 'connected' || announced) return;
  announced = true;
  process.stdout.write('connected\n');
  if (input.waitForGo !== true) publishAll();
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'go') publishAll();
});
await publisher.start();
setInterval(() => undefined, 60_000);
