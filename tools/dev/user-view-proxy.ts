/**
 * A second seat at the same Playground: a loopback-only reverse proxy whose UI acts as another
 * person. The Playground's web client asks `GET /_internal/v1/config` who it is and then sends
 * that id as `from` with every message and card click; this proxy answers that one request with
 * a different `currentUser` and passes everything else (HTTP and the WebSocket stream) through.
 * Both seats share the Playground's conversations, so Bruno sees the card Alice's request
 * produced and approves it in his own browser tab, as in Teams.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DevPerson } from './playground-config';

export interface UserViewProxy {
  readonly url: string;
  readonly port: number;
  readonly person: DevPerson;
  close(): Promise<void>;
}

interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export function asPlaygroundUser(p: DevPerson): PlaygroundUser {
  return { id: p.channelId, name: p.name, userPrincipleName: p.upn, aadObjectId: p.aadObjectId, givenName: p.givenName, surname: p.surname, email: p.upn };
}

/**
 * The config as `viewer` should see it: `viewer` becomes currentUser. The web client looks up
 * every conversation member (the server's list: the users) by id in `users`, so the viewer stays
 * there, and the Playground's own current user joins them so their name resolves too.
 */
export function configSeenBy(body: { config: { currentUser: PlaygroundUser; users: PlaygroundUser[] } }, viewer: DevPerson) {
  const { currentUser, users } = body.config;
  if (currentUser.id === viewer.channelId) return body;
  if (!users.some((u) => u.id === viewer.channelId)) throw new Error(`${viewer.name} is not among the Playground's users`);
  return {
    ...body,
    config: {
      ...body.config,
      currentUser: asPlaygroundUser(viewer),
      users: [...users, currentUser],
    },
  };
}

export async function startUserViewProxy(options: { playgroundPort: number; port: number; person: DevPerson }): Promise<UserViewProxy> {
  const target = { host: '127.0.0.1', port: options.playgroundPort };
  const relays = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const isConfig = req.method === 'GET' && req.url?.split('?')[0] === '/_internal/v1/config';
    const headers = { ...req.headers, host: `127.0.0.1:${target.port}` };
    if (isConfig) delete headers['accept-encoding']; // we rewrite that body: keep it plain
    const upstream = request({ ...target, method: req.method, path: req.url, headers }, (up) => {
      if (isConfig && up.statusCode === 200) {
        void readJson(up).then(
          (body) => {
            const text = JSON.stringify(configSeenBy(body as Parameters<typeof configSeenBy>[0], options.person));
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
            res.end(text);
          },
          (error: unknown) => {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`Could not read the Playground's config: ${error instanceof Error ? error.message : String(error)}`);
          },
        );
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('The Playground is not answering.');
    });
    req.pipe(upstream);
  });

  // WebSocket (the Playground pushes the bot's messages and card updates this way): raw TCP relay.
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const upstream = connect(target.port, target.host, () => {
      const headers = Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]));
      upstream.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    relays.add(upstream).add(socket as Socket);
    const destroyBoth = () => {
      relays.delete(upstream);
      relays.delete(socket as Socket);
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', destroyBoth);
    socket.on('error', destroyBoth);
    socket.on('close', destroyBoth);
    upstream.on('close', destroyBoth);
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    person: options.person,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of relays) socket.destroy(); // upgraded sockets are no longer the server's
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readJson(message: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    message.on('data', (c: Buffer) => chunks.push(c));
    message.on('error', reject);
    message.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}
