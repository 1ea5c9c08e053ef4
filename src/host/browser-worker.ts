// The worker side of Kiln in a Web Worker: one runtime on the browser host, driven by the
// messages of browser-worker-protocol.ts. Built as its own script (dist/browser/kiln-worker.js)
// so that a long computation runs off the page's thread and the page stays responsive.

import { createBrowserKiln, BrowserKiln } from "./browser.js";
import { FromWorker, ToWorker, OUTPUT_BATCH_CHARS, OUTPUT_BATCH_MS } from "./browser-worker-protocol.js";

/** The parts of a dedicated worker's global scope used here (typed without the DOM library). */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: { data: ToWorker }) => void) | null;
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
  if (msg.type === "init") {
    kiln = createBrowserKiln({
      stdout: (t) => emit("stdout", t),
      stderr: (t) => emit("stderr", t),
      jit: msg.jit,
      interruptBuffer: msg.interruptFlag ?? undefined,
    });
    scope.postMessage({ type: "ready", interruptible: msg.interruptFlag !== null });
  } else if (msg.type === "run") {
    if (kiln === null) throw new Error("kiln worker: run before init");
    kiln.setInput(msg.stdin);
    const result = kiln.evaluate(msg.source, msg.file);
    flush();
    scope.postMessage({ type: "done", id: msg.id, result, stats: kiln.jitStatistics() });
  }
};
