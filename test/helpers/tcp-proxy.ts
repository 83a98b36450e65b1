/**
 * Test helper: a TCP proxy on 127.0.0.1:<free port> in front of one target, that can be
 * partitioned. `partition()` is a network partition as a poller sees it: open connections stay
 * open but every byte is dropped (statements hang until their timeout), new connections are
 * accepted and hang too. `heal()` forwards again (bytes dropped during the partition stay lost, so
 * old connections are closed: what survives a real partition is the TCP connection or nothing).
 */
import { createConnection, createServer, type Socket } from 'node:net';
import { freePort } from './free-port.js';

export interface TcpProxy {
  readonly port: number;
  partition(): void;
  heal(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  let partitioned = false;
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: targetHost, port: targetPort });
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (!partitioned) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!partitioned) client.write(chunk);
    });
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    partition(): void {
      partitioned = true;
    },
    heal(): void {
      partitioned = false;
      // A connection that lost bytes is broken for its peers: close it, as a real network's timeouts would.
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        pairs.clear();
        server.close(() => resolve());
      }),
  };
}
