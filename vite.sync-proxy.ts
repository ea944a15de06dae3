import { request } from 'node:http';
import type { Plugin } from 'vite';

/**
 * The web build's stand-in for the desktop app's main process on the way to a sync server: requests the page
 * sends to /_sync/<port>/<path> are carried to http://127.0.0.1:<port>/<path>, streamed both ways (the changes
 * feed is a long poll). Loopback only: the web build is for tests and development.
 */
const ROUTE = /^\/_sync\/(\d{2,5})(\/.*)$/;
const PASSED = ['authorization', 'content-type', 'accept', 'content-length'];

export function syncProxy(): Plugin {
  return {
    name: 'athar-sync-proxy',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = ROUTE.exec(req.url ?? '');
        const port = Number(m?.[1]);
        if (!m || port < 1024 || port > 65535) return next();
        // Only the page it serves: a page elsewhere that renamed itself to 127.0.0.1 (DNS rebinding) is refused.
        if (!/^(127\.0\.0\.1|localhost):\d+$/.test(req.headers.host ?? '')) {
          res.writeHead(403).end();
          return;
        }
        const headers: Record<string, string> = {};
        for (const h of PASSED) {
          const v = req.headers[h];
          if (typeof v === 'string') headers[h] = v;
        }
        const upstream = request(
          { host: '127.0.0.1', port, path: m[2], method: req.method ?? 'GET', headers },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, {
              'content-type': answer.headers['content-type'] ?? 'application/json',
              'cache-control': 'no-store',
            });
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
          res.end('{"error":"unreachable"}');
        });
        res.on('close', () => upstream.destroy());
        req.pipe(upstream);
      });
    },
  };
}
