/** Finds a port on 127.0.0.1 that is free for both UDP and TCP right now (daemons bind it next). */
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

function tcpPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** An ephemeral (high) port free on 127.0.0.1 for UDP and TCP. Bounded: gives up after 20 tries. */
export async function freePort(): Promise<number> {
  for (let i = 0; i < 20; i++) {
    const port = await freeUdpPort();
    if (port >= 10000 && (await tcpPortFree(port))) return port;
  }
  throw new Error('no free port on 127.0.0.1 after 20 tries');
}
