import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client written by hand over raw TCP (RFC 6455: the upgrade request, then masked text
 * frames), so a test can do what a browser library never would: send requests and never read a byte
 * of the replies. After the upgrade its socket is paused; the kernel's receive window fills, then the
 * server's send buffer.
 */
export class NeverReadingWsClient {
  /** Set when the connection ends: the server closed it, or a write failed. */
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => (this.closed = true));
  }

  static connect(host: string, port: number, path = '/api'): Promise<NeverReadingWsClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.write(
          [
            `GET ${path} HTTP/1.1`,
            `Host: ${host}:${port}`,
            'Upgrade: websocket',
            'Connection: Upgrade',
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
            'Sec-WebSocket-Version: 13',
            '',
            '',
          ].join('\r\n'),
        );
      });
      let head = '';
      const onData = (chunk: Buffer): void => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        socket.pause();
        if (!head.startsWith('HTTP/1.1 101')) reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        else resolve(new NeverReadingWsClient(socket));
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  }

  /** Sends one masked text frame; false once the socket's own buffer is full (wait, or stop). */
  send(text: string): boolean {
    if (this.closed) return false;
    return this.socket.write(textFrame(text));
  }

  /** Resolves when the socket can take more, or the connection has ended. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** A final masked text frame: FIN + opcode 1, MASK + length (7, 16 or 64 bits), key, masked payload. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const header = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x81;
  if (n < 126) header[1] = 0x80 | n;
  else if (n < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(n, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  const key = randomBytes(4);
  const masked = Buffer.alloc(n);
  for (let i = 0; i < n; i++) masked[i] = (payload[i] as number) ^ (key[i & 3] as number);
  return Buffer.concat([header, key, masked]);
}
