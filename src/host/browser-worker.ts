// The worker side of Kiln in a Web Worker: one runtime on the browser host, driven by the
// messages of browser-worker-protocol.ts. Built as its own script (dist/browser/kiln-worker.js)
// so that a long computation runs off the page's thread and the page stays responsive. The same
// script is the threads of the (kiln parallel) pool that the runtime starts when the page is
// cross-origin isolated (src/parallel/web-threads.ts): a first message "kiln-pool" says so.

import { createBrowserKiln, BrowserKiln } from "./browser.js";
import { FromWorker, ToWorker, OUTPUT_BATCH_CHARS, OUTPUT_BATCH_MS } from "./browser-worker-protocol.js";
import { isPoolRoleMessage, servePoolThread, PoolScope } from "../parallel/web-threads.js";

/** The parts of a dedicated worker's global scope used here (typed without the DOM library). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
  location?: { href: string };
}

const scope = globalThis as unknown as WorkerScope;
let kiln: BrowserKiln | null = null;

// Output is batched: a program printing a million lines must not post a million messages.
let pending: { stream: "stdout" | "stderr"; text: string } | null = null;
let lastFlush = 0;
function flush(): void {
  if (pending !== null) scope.postMessage({ type: "output", ...pending });
  pending = null;
  lastFlush = performance.now();
}
function emit(stream: "stdout" | "stderr", text: string): void {
  if (pending !== null && pending.stream !== stream) flush();
  if (pending === null) pending = { stream, text };
  else pending.text += text;
  if (pending.text.length >= OUTPUT_BATCH_CHARS || performance.now() - lastFlush >= OUTPUT_BATCH_MS) flush();
}

scope.onmessage = ({ data: msg }) => {
  if (isPoolRoleMessage(msg)) {
    servePoolThread(msg, scope as unknown as PoolScope);
  } else if (msg.type === "init") {
    kiln = createBrowserKiln({
      stdout: (t) => emit("stdout", t),
      stderr: (t) => emit("stderr", t),
      jit: msg.jit,
      interruptBuffer: msg.interruptFlag ?? undefined,
      js: { globals: workerGlobals(msg.baseUrl) },
      // The pool's threads run this very script.
      workers: msg.workers,
      poolScript: scope.location?.href,
    });
    scope.postMessage({ type: "ready", interruptible: msg.interruptFlag !== null });
  } else if (msg.type === "run") {
    if (kiln === null) throw new Error("kiln worker: run before init");
    const k = kiln;
    k.setInput(msg.stdin);
    void k.evaluateAsync(msg.source, msg.file).then((result) => {
      flush();
      scope.postMessage({ type: "done", id: msg.id, result, stats: k.jitStatistics() });
    });
  }
};

/**
 * What `(kiln js)` reaches in the worker: a worker has no DOM, so this is the network, timers
 * and plain data helpers (functions bound to the worker's global, which js-call cannot pass).
 */
function workerGlobals(baseUrl: string): Record<string, unknown> {
  const g = globalThis as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const fetch = g.fetch as ((url: unknown, init?: unknown) => Promise<unknown>) | undefined;
  if (fetch) out.fetch = (url: unknown, init?: unknown) => fetch.call(globalThis, typeof url === "string" && baseUrl ? new URL(url, baseUrl).href : url, init);
  for (const name of ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask"]) {
    if (typeof g[name] === "function") out[name] = (g[name] as (...a: unknown[]) => unknown).bind(globalThis);
  }
  for (const name of ["console", "JSON", "Math", "Date", "URL", "URLSearchParams", "TextEncoder", "TextDecoder", "Promise", "Object", "Array"]) {
    if (g[name] !== undefined) out[name] = g[name];
  }
  return out;
}
