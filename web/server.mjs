// `npm run playground`: a small static server for the built playground (dist/web) and the
// browser builds (dist/browser, under /browser/), on localhost only. It sends the
// cross-origin isolation headers (COOP/COEP), so the page gets SharedArrayBuffer and Stop
// interrupts a run without losing the worker's state.
//
//   npm run playground [-- --port 8080]        (default port 8000, or $PORT)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".map": "application/json", ".json": "application/json",
  ".scm": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".png": "image/png", ".svg": "image/svg+xml",
};

/** URL prefixes and the folders they serve. */
const MOUNTS = [["/browser/", join(root, "dist/browser")], ["/", join(root, "dist/web")]];

/**
 * Start the server. `extra(req, res)` may answer a request first (tests add routes this
 * way) by returning true. Resolves with the server and its base URL once listening.
 */
export async function startPlaygroundServer({ port = 0, extra } = {}) {
  const server = createServer(async (req, res) => {
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    res.setHeader("Cross-Origin-Resource-Policy", "same-origin");
    res.setHeader("Cache-Control", "no-store");
    try {
      if (extra && (await extra(req, res))) return;
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
      const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (file !== dir && !file.startsWith(dir + sep)) return send(res, 403, "forbidden\n");
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      const body = await readFile(file).catch(() => null);
      if (body === null) return send(res, 404, `not found: ${path}\n`);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      send(res, 500, `${e instanceof Error ? e.message : e}\n`);
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const address = server.address();
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

function send(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf("--port");
  const port = Number(i > 0 ? process.argv[i + 1] : process.env.PORT ?? 8000);
  const { url } = await startPlaygroundServer({ port });
  console.log(`Kiln playground at ${url} (Ctrl-C stops the server)`);
}
