/** A UDP agent on 127.0.0.1:<free port> for the hand-written SNMP agents of the tests: answers what the handler returns, stays silent otherwise. */
import { createSocket } from 'node:dgram';

export interface UdpAgent {
  readonly host: string;
  readonly port: number;
  /** Closes the socket; a second call does nothing. */
  stop(): Promise<void>;
}

/**
 * `reply(msg)` gives the datagram to send back, or undefined to stay silent; one that throws is
 * treated as undefined (not something the agent understands: silent, like a real agent).
 */
export async function startUdpAgent(reply: (msg: Buffer) => Buffer | undefined): Promise<UdpAgent> {
  const socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    let out: Buffer | undefined;
    try {
      out = reply(msg);
    } catch {
      return;
    }
    if (out !== undefined) socket.send(out, rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        stopped = true;
        socket.close(() => resolve());
      }),
  };
}
