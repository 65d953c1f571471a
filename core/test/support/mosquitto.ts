import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Debian mosquitto (2.x) for tests: a generated config in a temporary folder, listeners on free
 * ports bound to 127.0.0.1, optional password file, TLS listener and WebSocket listeners (ws, and wss
 * when TLS is given). mosquitto 2
 * refuses anonymous clients unless told, and drops root privileges unless `user root` is set (the
 * generated files belong to the test's user).
 */
export interface MosquittoOptions {
  /** Default true when no users are given. */
  anonymous?: boolean;
  users?: Record<string, string>;
  tls?: { ca: string; cert: string; key: string; requireCertificate?: boolean };
  websockets?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      ok(true);
    });
    sock.once('error', () => ok(false));
  });
}

export class Mosquitto {
  private child: ChildProcess | null = null;
  private log = '';

  private constructor(
    readonly dir: string,
    private readonly config: string,
    readonly port: number,
    readonly tlsPort: number | null,
    readonly wsPort: number | null,
    readonly wssPort: number | null,
  ) {}

  static async start(o: MosquittoOptions = {}): Promise<Mosquitto> {
    const dir = mkdtempSync(join(tmpdir(), 'rg-mosquitto-'));
    const port = await freePort();
    const tlsPort = o.tls ? await freePort() : null;
    const wsPort = o.websockets ? await freePort() : null;
    const wssPort = o.websockets && o.tls ? await freePort() : null;
    const lines = [
      'user root',
      'per_listener_settings false',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
    ];
    lines.push(`allow_anonymous ${o.anonymous ?? o.users === undefined}`);
    if (o.users !== undefined) {
      const file = join(dir, 'passwd');
      writeFileSync(file, '');
      for (const [user, pass] of Object.entries(o.users)) {
        const r = spawnSync('mosquitto_passwd', ['-b', file, user, pass]);
        if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr.toString()}`);
      }
      lines.push(`password_file ${file}`);
    }
    lines.push(`listener ${port} 127.0.0.1`);
    if (o.tls && tlsPort !== null) {
      lines.push(
        `listener ${tlsPort} 127.0.0.1`,
        `cafile ${o.tls.ca}`,
        `certfile ${o.tls.cert}`,
        `keyfile ${o.tls.key}`,
      );
      lines.push(`require_certificate ${o.tls.requireCertificate ?? false}`);
    }
    if (wsPort !== null) lines.push(`listener ${wsPort} 127.0.0.1`, 'protocol websockets');
    if (o.tls && wssPort !== null) {
      lines.push(
        `listener ${wssPort} 127.0.0.1`,
        'protocol websockets',
        `cafile ${o.tls.ca}`,
        `certfile ${o.tls.cert}`,
        `keyfile ${o.tls.key}`,
      );
    }
    const config = join(dir, 'mosquitto.conf');
    writeFileSync(config, `${lines.join('\n')}\n`);
    const m = new Mosquitto(dir, config, port, tlsPort, wsPort, wssPort);
    await m.launch();
    return m;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }
  get tlsUrl(): string {
    return `mqtts://127.0.0.1:${this.tlsPort}`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.wsPort}`;
  }
  get wssUrl(): string {
    return `wss://127.0.0.1:${this.wssPort}`;
  }
  get running(): boolean {
    return this.child !== null;
  }
  get output(): string {
    return this.log;
  }

  /** Starts the broker process (again) on the same ports and config; resolves when every listener accepts. */
  async launch(): Promise<void> {
    const child = spawn('mosquitto', ['-c', this.config], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => (this.log += d.toString()));
    child.once('exit', () => {
      if (this.child === child) this.child = null;
    });
    const ports = [this.port, this.tlsPort, this.wsPort, this.wssPort].filter((p): p is number => p !== null);
    const deadline = Date.now() + 15_000;
    for (const port of ports) {
      while (!(await canConnect(port))) {
        if (this.child === null) throw new Error(`mosquitto exited at start: ${this.log}`);
        if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${this.log}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** Stops the broker (SIGTERM, or SIGKILL for a crash); resolves when it has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (child === null) return;
    this.child = null;
    const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
    child.kill(signal);
    await exited;
  }

  /** Starts it again on the same ports and config. */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
