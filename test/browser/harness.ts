// Shared set-up of the browser tests: find Debian's Chromium, launch it once (headless, a fresh
// profile, no network beyond this machine, never a browser download), and serve the built
// playground and bundles with web/server.mjs plus a few test-only routes.

import { existsSync, mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { IncomingMessage, ServerResponse, Server } from "node:http";
import { before, after } from "node:test";
import type { BrowserContext } from "playwright-core";
import type { startPlaygroundServer as StartServer } from "../../web/server.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The Chromium to drive: $KILN_CHROMIUM, else Debian's package; null when there is none. */
export function findChromium(): string | null {
  const candidates = [process.env.KILN_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => typeof p === "string" && p !== "" && existsSync(p)) ?? null;
}

/** Where the tests write what a person may want to look at (the playground's screenshot). */
export function outputDir(): string {
  const dir = process.env.KILN_TEST_OUTPUT ?? join(root, "dist/test-output/browser");
  mkdirSync(dir, { recursive: true });
  return dir;
}

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export interface Browser { context: BrowserContext; close(): Promise<void> }

export async function launchChromium(executablePath: string): Promise<Browser> {
  // playwright-core never downloads a browser; we hand it Debian's.
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "kiln-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 760 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A page that loads the ES module build and exposes it as `window.Kiln`. */
const BUNDLE_PAGE = `<!doctype html><meta charset="utf-8"><title>kiln.mjs</title><div id="out"></div>
<script type="module">import * as Kiln from "/browser/kiln.mjs"; window.Kiln = Kiln; window.kilnLoaded = true;</script>`;
/** A page that loads the classic script build (global `Kiln`). */
const CLASSIC_PAGE = `<!doctype html><meta charset="utf-8"><title>kiln.js</title>
<script src="/browser/kiln.js"></script><script>window.kilnLoaded = typeof Kiln === "object";</script>`;

function testRoutes(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  const html = (text: string): true => { res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }); res.end(text); return true; };
  if (path === "/test/bundle.html") return html(BUNDLE_PAGE);
  if (path === "/test/not-isolated.html") {
    // The same page without cross-origin isolation: no SharedArrayBuffer, hence no worker pool.
    for (const h of ["Cross-Origin-Opener-Policy", "Cross-Origin-Embedder-Policy"]) res.removeHeader(h);
    return html(BUNDLE_PAGE);
  }
  if (path === "/test/classic.html") return html(CLASSIC_PAGE);
  if (path === "/test/data.json") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ greeting: "hello from the server", numbers: [1, 2, 3] }));
    return true;
  }
  if (path === "/test/slow.txt") {   // answers after 100 ms: an await that really waits
    setTimeout(() => { res.writeHead(200, { "Content-Type": "text/plain" }); res.end("slow answer"); }, 100);
    return true;
  }
  return false;
}

export async function startServer(): ReturnType<typeof StartServer> {
  // web/server.mjs is plain JS outside the compiled tree: load it from the source folder.
  const { startPlaygroundServer } = await import(pathToFileURL(join(root, "web/server.mjs")).href) as { startPlaygroundServer: typeof StartServer };
  return startPlaygroundServer({ extra: testRoutes });
}

/**
 * One Chromium and one local server for a test file: started before its tests, closed after.
 * The fields are set once `before` has run.
 */
export function browserAndServer(chromium: string): { browser: Browser; base: string } {
  const fixture = {} as { browser: Browser; server: Server; base: string };
  before(async () => {
    [fixture.browser, { server: fixture.server, url: fixture.base }] = await Promise.all([launchChromium(chromium), startServer()]);
  });
  after(async () => {
    await fixture.browser?.close();
    fixture.server?.close();
  });
  return fixture;
}
