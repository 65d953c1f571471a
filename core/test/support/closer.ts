/** Things a test opened (publishers, subscribers, brokers, relays), closed newest first after each test. */
type Closable = { stop(): Promise<void> } | { close(): Promise<void> };

export class Closer {
  private items: Closable[] = [];

  add<T extends Closable>(x: T): T {
    this.items.push(x);
    return x;
  }

  /** The test closed it itself. */
  forget(x: Closable): void {
    this.items = this.items.filter((i) => i !== x);
  }

  async closeAll(): Promise<void> {
    for (const x of this.items.splice(0).reverse()) await ('stop' in x ? x.stop() : x.close());
  }
}
