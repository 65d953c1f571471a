import { lazyCommand } from '../command';

export const demoCommand = lazyCommand(
  {
    name: 'demo',
    summary: 'the whole gateway on this machine: a simulated feeder relay, Modbus, MQTT and the web UI',
    options: {
      'modbus-port': { type: 'string', valueName: 'N', help: 'Modbus TCP port on 127.0.0.1 (default 1502; 0 picks a free port)' },
      'mqtt-port': { type: 'string', valueName: 'N', help: 'port of the embedded MQTT broker on 127.0.0.1 (default 1883; 0 picks a free port)' },
      'ui-port': { type: 'string', valueName: 'N', help: 'web UI port on 127.0.0.1 (default 8061; 0 picks a free port)' },
      'no-ui': { type: 'boolean', help: 'no web UI' },
    },
    details: [
      'Starts the simulator serving the shipped feeder relay (assets/models/feeder-relay.cid), a project made',
      "the way 'relaygate init' makes it (the essential tier: about 30 points, most by report), the Modbus",
      'server, an embedded MQTT broker with the publisher, and the web UI; prints every endpoint and the',
      "first live values, then keeps a one-line live status. Measurements drift and the breaker trips now",
      'and then, so changes show. Everything listens on 127.0.0.1 only. Ctrl-C stops it.',
    ].join('\n'),
  },
  async () => (await import('./demo')).runDemo,
);
