import { lazyCommand } from '../command';

export const modbusMapCommand = lazyCommand(
  {
    name: 'modbus-map',
    summary: "a project's Modbus map as a table, or as CSV",
    args: '<project.json>',
    positionals: { min: 1, max: 1 },
    options: {
      csv: {
        type: 'boolean',
        help: 'CSV: ied, point, ref, fc, area, address, modicon, type, wordOrder, gain, offset; one row per value and per companion register',
      },
    },
    details: [
      'Addresses are 0-based protocol offsets per area; modicon is the 1-based form (00001, 10001, 30001, 40001).',
      'A map with overlaps, addresses past 65535 or types an area cannot hold is refused, naming the points and registers.',
    ].join('\n'),
  },
  async () => (await import('./modbus-map')).runModbusMap,
);
