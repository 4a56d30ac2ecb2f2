/**
 * A loopback TCP proxy that a test can cut and restore: a storage outage without losing the
 * emulator's data. While cut, open connections are destroyed and new ones are reset at once.
 */
import { createServer, Socket } from 'node:net';

export interface CutProxy {
  readonly port: number;
  /** Connections reset because the proxy was cut. */
  readonly rejected: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number, options: { cut?: boolean } = {}): Promise<CutProxy> {
  let isCut = options.cut ?? false;
  let rejected = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    if (isCut) {
      rejected++;
      client.destroy();
      return;
    }
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.connect(targetPort, '127.0.0.1', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    port,
    get rejected() {
      return rejected;
    },
    cut() {
      isCut = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      isCut = false;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
