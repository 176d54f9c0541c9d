import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** the URL given, pointed at the proxy instead */
  via(url: string): string;
  /** breaks every connection and refuses new ones, as a database that went away */
  cut(): void;
  /** takes connections again */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of the database (host:port of `target`), which a test cuts and restores:
 * the shared server itself never stops, and other tests' connections never see it.
 */
export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const t = new URL(target);
  const open = new Set<Socket>();
  let down = false;
  const server = createServer((inbound) => {
    if (down) return void inbound.destroy();
    const outbound = connect(Number(t.port || 5432), t.hostname);
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {});
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut() {
      down = true;
      for (const s of open) s.destroy();
    },
    restore() {
      down = false;
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
