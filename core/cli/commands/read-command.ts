import { IED_OPTIONS, lazyIedCommand } from './ied-options';

export const readCommand = lazyIedCommand(
  {
    name: 'read',
    summary: 'read object references (leaves or whole FCDs) from an IED',
    args: '<host[:port]> <ref>...',
    positionals: { min: 2 },
    options: {
      ...IED_OPTIONS,
      json: {
        type: 'boolean',
        help: 'print one JSON array of {ref, fc, type, value, quality?, timestamp?, error?}',
      },
    },
    details: [
      'A reference is LD/LN.DO[.SDO].DA[.BDA] with its FC in brackets, e.g. simpleIOGenericIO/GGIO1.AnIn1.mag.f[MX],',
      'or a whole FCD such as IED1LD0/XCBR1.Pos[ST], which returns stVal, q and t together.',
      'All references are read in as few requests as the negotiated PDU size allows.',
    ].join('\n'),
  },
  async () => (await import('./read')).runRead,
);
