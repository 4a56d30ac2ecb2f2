/**
 * Preload (`node --require <this file>`) for processes that offer no host option, such as the
 * M365 Agents Playground: every TCP server they start listens on 127.0.0.1 instead of all
 * interfaces, so nothing started by `npm run dev` is reachable from the network. Unix sockets,
 * pipes and servers that already chose a loopback address are left alone.
 */
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const ALL_INTERFACES = new Set(['', '0.0.0.0', '::', '[::]']);
const originalListen = net.Server.prototype.listen;

type ListenArgs = unknown[];

function isPort(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));
}

/** The same call, with the host forced to loopback wherever it was absent or "all interfaces". */
export function loopbackListenArgs(args: ListenArgs): ListenArgs {
  const [first, second, ...rest] = args;
  if (first !== null && typeof first === 'object') {
    if ('fd' in first || '_handle' in first || 'path' in first) return args; // a handle, socket or pipe
    const options = first as net.ListenOptions;
    if (options.host === undefined || ALL_INTERFACES.has(options.host)) return [{ ...options, host: LOOPBACK }, ...args.slice(1)];
    return args;
  }
  if (first === undefined || isPort(first)) {
    if (typeof second === 'string' && !ALL_INTERFACES.has(second)) return args; // an explicit host
    if (typeof second === 'string') return [first ?? 0, LOOPBACK, ...rest];
    return [first ?? 0, LOOPBACK, ...args.slice(1)];
  }
  return args; // a path (Unix socket / pipe) or a handle
}

net.Server.prototype.listen = function listenOnLoopback(this: net.Server, ...args: ListenArgs) {
  return (originalListen as (...a: ListenArgs) => net.Server).apply(this, loopbackListenArgs(args));
} as typeof net.Server.prototype.listen;
