import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a broker, so a test can take the broker away from one client
 * while others stay connected:
 * - `cut()`: closes every relayed connection and refuses new ones (the broker is "down");
 * - `blackhole()`: keeps the connections open but forwards nothing more, either way (a broker that
 *   accepted the connection and then went silent: no PUBACK ever comes);
 * - `restore()`: relays again.
 */
export class TcpCut {
  private mode: 'relay' | 'cut' | 'blackhole' = 'relay';
  private readonly pairs = new Set<[Socket, Socket]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetPort: number): Promise<TcpCut> {
    let self: TcpCut | null = null;
    const server = createServer((down) => self!.accept(down, targetPort));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    self = new TcpCut(server, (server.address() as { port: number }).port);
    return self;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  private accept(down: Socket, targetPort: number): void {
    if (this.mode === 'cut') {
      down.destroy();
      return;
    }
    const up = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [down, up];
    this.pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (d: Buffer) => {
        if (this.mode === 'relay') to.write(d);
      });
    forward(down, up);
    forward(up, down);
    const close = () => {
      this.pairs.delete(pair);
      down.destroy();
      up.destroy();
    };
    down.on('close', close).on('error', close);
    up.on('close', close).on('error', close);
  }

  cut(): void {
    this.mode = 'cut';
    for (const [down, up] of this.pairs) {
      down.destroy();
      up.destroy();
    }
    this.pairs.clear();
  }

  blackhole(): void {
    this.mode = 'blackhole';
  }

  restore(): void {
    this.mode = 'relay';
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((ok) => this.server.close(() => ok()));
  }
}
