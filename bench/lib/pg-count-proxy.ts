/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL that counts the statements one client process
 * sends: frontend messages 'Q' (simple query) and 'E' (Execute of the extended protocol, what
 * node-postgres sends for a parameterised query). Bytes are forwarded unchanged; only the client →
 * server direction is parsed (the length-prefixed message framing, never the payload). Assumes no
 * TLS, as on loopback here.
 */
import { createConnection, createServer, type Socket } from 'node:net';

export interface PgCountProxy {
  readonly port: number;
  /** Statements sent through the proxy since it started (every connection). */
  statements(): number;
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/** Counts 'Q' and 'E' messages in one connection's client → server byte stream, across chunk boundaries. */
class FrontendCounter {
  #startup = true;
  #buf: Buffer = Buffer.alloc(0);
  constructor(private readonly onStatement: () => void) {}

  push(chunk: Buffer): void {
    this.#buf = this.#buf.length === 0 ? chunk : Buffer.concat([this.#buf, chunk]);
    for (;;) {
      if (this.#startup) {
        // Untyped: int32 length (itself included), int32 code. SSL/GSS requests are followed by another startup message.
        if (this.#buf.length < 8) return;
        const len = this.#buf.readInt32BE(0);
        if (this.#buf.length < len) return;
        const code = this.#buf.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSS_REQUEST) this.#startup = false;
        this.#buf = this.#buf.subarray(len);
        continue;
      }
      // Typed: 1 byte type, int32 length (itself included, type excluded).
      if (this.#buf.length < 5) return;
      const len = this.#buf.readInt32BE(1);
      if (this.#buf.length < 1 + len) return;
      const type = this.#buf[0];
      if (type === 0x51 /* Q */ || type === 0x45 /* E */) this.onStatement();
      this.#buf = this.#buf.subarray(1 + len);
    }
  }
}

export async function startPgCountProxy(targetPort: number): Promise<PgCountProxy> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(client).add(upstream);
    const counter = new FrontendCounter(() => {
      count += 1;
    });
    const drop = (): void => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      counter.push(chunk);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const s of [client, upstream]) {
      s.on('error', drop);
      s.on('close', drop);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('pg count proxy: no port');
  return {
    port: address.port,
    statements: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
