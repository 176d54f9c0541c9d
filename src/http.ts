import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { HttpHandler, HttpRoutes } from './ports.js';

export interface HttpListener extends HttpRoutes {
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  readonly server: Server;
}

/**
 * The one HTTP listener of the service (PORT): Slack's events, Telegram's webhook and
 * /healthz are routes on it. A route matches its path exactly or as a prefix ending in '/'.
 */
export function createHttpListener(log: Logger): HttpListener {
  const routes: [string, HttpHandler][] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const hit = routes.find(([p]) => path === p || (p.endsWith('/') && path.startsWith(p)));
    if (!hit) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    // A handler that throws, at once or later, fails its own request and nothing else.
    new Promise<void>((resolve) => resolve(hit[1](req, res))).catch((err) => {
      log.error({ err, path }, 'HTTP handler failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  // Slack retries a request it thinks was lost; keep idle sockets from piling up either way.
  server.keepAliveTimeout = 5_000;
  return {
    server,
    route(path, handler) {
      routes.push([path, handler]);
    },
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
