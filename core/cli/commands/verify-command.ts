import { lazyCommand } from '../command';

export const verifyCommand = lazyCommand(
  {
    name: 'verify',
    summary: "point-to-point check: the project's IEDs simulated, every point driven and read back over Modbus and MQTT",
    args: '<project.json>',
    positionals: { min: 1, max: 1 },
    options: {
      map: {
        type: 'string',
        valueName: 'FILE',
        help: "the client's Modbus map to check against (CSV as modbus-map --csv writes it); default the project's own",
      },
      mqtt: { type: 'string', valueName: 'URL', help: 'a broker on this machine to use, e.g. a mosquitto: mqtt://127.0.0.1:1883 (default: an embedded one on a free port)' },
      'no-mqtt': { type: 'boolean', help: 'do not check MQTT' },
      'no-modbus': { type: 'boolean', help: 'do not check Modbus' },
      timeout: { type: 'string', valueName: 'MS', help: 'how long one step may take before what is missing fails (default: from the poll periods, at least 5000)' },
      json: { type: 'boolean', help: 'print the checklist as one JSON document' },
      'log-level': { type: 'string', valueName: 'LEVEL', help: "the gateway's log lines shown on stderr: debug, info, warn or error (default)" },
    },
    details: [
      "Serves each IED of the project from the simulator on 127.0.0.1 (from its SCL origin or saved model; an IED",
      'without one is reported, not faked), runs the gateway on the project with the IEDs redirected to the',
      "simulators and Modbus and MQTT on free local ports (the project's real addresses are never used), then for",
      'every point drives a new value three times at the source (good, invalid, test) and checks what an',
      'independent Modbus client (modbus-serial) and MQTT subscriber (mqtt.js) read: value registers per type,',
      'word order and scaling, the status, quality, timestamp, age and sequence registers, /value and /state.',
      'Exit code 0 when every point passes, 1 otherwise. See docs/VERIFY.md.',
    ].join('\n'),
  },
  async () => (await import('./verify')).runVerify,
);
