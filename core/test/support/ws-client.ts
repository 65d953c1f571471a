import WebSocket from 'ws';

/** A minimal test client for the WebSocket binding: raw sends, and a queue of parsed replies. */
export class TestWsClient {
  private readonly queue: unknown[] = [];
  private waiters: ((m: unknown) => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<TestWsClient> {
    const socket = new WebSocket(url, { headers });
    return new Promise((ok, fail) => {
      socket.once('open', () => ok(new TestWsClient(socket)));
      socket.once('error', fail);
      socket.once('unexpected-response', (_req, res) =>
        fail(new Error(`upgrade refused: HTTP ${res.statusCode}`)),
      );
    });
  }

  /** Every event pushed on a client's socket from now on, with when it arrived. */
  static EventLog = class EventLog {
    private readonly events: { event: string; payload: unknown; at: number }[] = [];
    private readonly listener = (data: WebSocket.RawData): void => {
      const m = JSON.parse(String(data)) as { event?: string; payload?: unknown };
      if (typeof m.event === 'string') this.events.push({ event: m.event, payload: m.payload, at: Date.now() });
    };

    constructor(private readonly client: TestWsClient) {
      client.socket.on('message', this.listener);
    }

    all(event: string): { payload: unknown; at: number }[] {
      return this.events.filter((e) => e.event === event);
    }

    find(event: string, predicate: (payload: unknown) => boolean): unknown {
      return this.events.find((e) => e.event === event && predicate(e.payload))?.payload;
    }

    stop(): void {
      this.client.socket.off('message', this.listener);
    }
  };

  send(raw: string | Buffer): void {
    this.socket.send(raw);
  }

  /** Next message that satisfies the predicate; other messages (e.g. events) are skipped. */
  async next(
    predicate: (m: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('no matching message in time');
      const m = (this.queue.shift() ?? (await this.wait(remaining))) as Record<string, unknown>;
      if (predicate(m)) return m;
    }
  }

  /** Sends a request and resolves with the reply that carries its id. */
  async call(id: number, method: string, params: unknown = {}): Promise<Record<string, unknown>> {
    this.send(JSON.stringify({ id, method, params }));
    return this.next((m) => m.id === id);
  }

  close(): void {
    this.socket.close();
  }

  private wait(timeoutMs: number): Promise<unknown> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== resolve);
        fail(new Error('no message in time'));
      }, timeoutMs);
      const resolve = (m: unknown) => {
        clearTimeout(timer);
        ok(m);
      };
      this.waiters.push(resolve);
    });
  }
}
