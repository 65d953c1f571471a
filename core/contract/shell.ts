import { z } from 'zod';

/**
 * What the desktop shell asks the page to do: its application menu (New, Open, Save, Save As, a
 * section) and a project file given on the command line or by a second launch (`open-path`). Only the
 * Electron main process sends it; the page does the work, so unsaved edits are asked about as when the
 * user clicks.
 */
export const ShellCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.enum(['new', 'open', 'save', 'save-as']) }),
  z.object({ command: z.literal('open-path'), path: z.string().min(1).max(4096) }),
  /** A section of the app frame by its id (renderer/src/sections.ts); an unknown one shows the start page. */
  z.object({ command: z.literal('section'), section: z.string().regex(/^[a-z][a-z-]{0,31}$/) }),
]);
export type ShellCommand = z.infer<typeof ShellCommandSchema>;

export const shellEvents = {
  shellCommand: ShellCommandSchema,
} as const;
