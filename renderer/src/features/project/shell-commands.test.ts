import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '../../../../core/contract';
import { runShellCommand, type ShellTarget } from './shell-commands';

function fakeTarget(options: { operator?: boolean; project?: boolean; chosen?: string | null } = {}) {
  const calls: string[] = [];
  const target: ShellTarget = {
    operator: () => options.operator ?? true,
    hasProject: () => options.project ?? true,
    go: (hash) => void calls.push(`go ${hash}`),
    focusNewProject: () => void calls.push('focus new'),
    chooseProject: async () => (calls.push('choose'), options.chosen ?? null),
    open: async (path) => void calls.push(`open ${path}`),
    save: async (as) => void calls.push(as ? 'save as' : 'save'),
  };
  return { target, calls };
}

const run = async (command: ShellCommand, options?: Parameters<typeof fakeTarget>[0]) => {
  const { target, calls } = fakeTarget(options);
  await runShellCommand(command, target);
  return calls;
};

describe('shell commands in the page', () => {
  it('goes to a section, and to the start page for an unknown one', async () => {
    expect(await run({ command: 'section', section: 'modbus' })).toEqual(['go #/modbus']);
    expect(await run({ command: 'section', section: 'start' })).toEqual(['go #/']);
    expect(await run({ command: 'section', section: 'nowhere' })).toEqual(['go #/']);
  });

  it('New shows the start page with the name field focused', async () => {
    expect(await run({ command: 'new' })).toEqual(['go #/', 'focus new']);
  });

  it('Open asks for a file and opens it; cancelled, nothing happens', async () => {
    expect(await run({ command: 'open' }, { chosen: '/p/bay.rgproj' })).toEqual(['choose', 'open /p/bay.rgproj', 'go #/']);
    expect(await run({ command: 'open' }, { chosen: null })).toEqual(['choose']);
  });

  it('opens the file a second launch names', async () => {
    expect(await run({ command: 'open-path', path: '/p/x.json' })).toEqual(['open /p/x.json', 'go #/']);
  });

  it('saves, or saves as, only with a project open', async () => {
    expect(await run({ command: 'save' })).toEqual(['save']);
    expect(await run({ command: 'save-as' })).toEqual(['save as']);
    expect(await run({ command: 'save' }, { project: false })).toEqual([]);
  });

  it('lets a viewer navigate but not create, open or save', async () => {
    const viewer = { operator: false };
    expect(await run({ command: 'new' }, viewer)).toEqual([]);
    expect(await run({ command: 'open' }, viewer)).toEqual([]);
    expect(await run({ command: 'open-path', path: '/p/x.json' }, viewer)).toEqual([]);
    expect(await run({ command: 'save' }, viewer)).toEqual([]);
    expect(await run({ command: 'section', section: 'runtime' }, viewer)).toEqual(['go #/runtime']);
  });
});
