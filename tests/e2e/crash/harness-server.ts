import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { build } from 'vite';
import { rendererConfig } from '../../../vite.shared';

const root = resolve(import.meta.dirname, '../../..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * A crash test's page, built with the app's own renderer settings into `out` and served from loopback. `route`
 * may answer a request first (true when it did).
 */
export async function serveHarness(
  page: string,
  out: string,
  route?: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<{ server: Server; origin: string }> {
  const base = rendererConfig(out);
  await build({
    ...base,
    root,
    logLevel: 'warn',
    build: { ...base.build, outDir: out, rollupOptions: { input: join(root, page) } },
  });
  const server = createServer((req, res) => {
    if (route?.(req, res)) return;
    const file = join(out, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(out) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  return { server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}
