import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { errorMessage } from '../shared';

export interface LogFileOptions {
  /** The file is rotated before a line would take it past this size. */
  maxBytes: number;
  /** Rotated files kept beside it: FILE.1 (newest) … FILE.N (oldest); older ones are deleted. */
  keep: number;
}

/**
 * A log file with size rotation, as logrotate names them: `relaygate.log`, `relaygate.log.1`, … Lines
 * are appended synchronously, so they are in the file in order and none is lost if the process is
 * killed. A write that fails (disk full, file removed with its folder) is reported once to `onError`
 * and the next line tries again; the gateway keeps running.
 */
export class RotatingLogFile {
  private size: number;
  private failing = false;

  constructor(
    readonly path: string,
    private readonly options: LogFileOptions,
    private readonly onError: (message: string) => void,
  ) {
    // Opening for append at start says at once when the file cannot be written (a wrong folder, no rights).
    appendFileSync(path, '');
    this.size = statSync(path).size;
  }

  write(line: string): void {
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    try {
      if (this.size > 0 && this.size + bytes > this.options.maxBytes) this.rotate();
      appendFileSync(this.path, text);
      this.size += bytes;
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.onError(`cannot write the log file ${this.path}: ${errorMessage(err)}`);
      this.failing = true;
    }
  }

  private rotate(): void {
    const { keep } = this.options;
    if (keep === 0) rmSync(this.path, { force: true });
    else {
      rmSync(`${this.path}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      renameSync(this.path, `${this.path}.1`);
    }
    this.size = 0;
  }
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `10M`, `512k`, `1G`, `2000000` as bytes; null when not a size. */
export function parseSize(text: string): number | null {
  const m = /^(\d+)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]) * (UNITS[(m[2] ?? '').toLowerCase()] ?? 1);
  return Number.isSafeInteger(n) ? n : null;
}
