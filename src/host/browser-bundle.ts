// The browser builds' entry point (dist/browser/kiln.mjs, and kiln.js as a classic script
// defining `Kiln`): the runtime on the browser host, and the client of Kiln in a Web Worker
// (whose own script is browser-worker.ts, built as dist/browser/kiln-worker.js).
// It must not import src/api/index.ts, which also offers Node's host (node: modules).

export { Runtime } from "../api/runtime.js";
export { sandboxHost } from "./sandbox.js";
export type { Host } from "./host.js";
export { browserHost, createBrowserKiln, errorPosition } from "./browser.js";
export type { BrowserHostOptions, BrowserKilnOptions, BrowserKiln, RunResult, RunLimits, ErrorPosition } from "./browser.js";
export { KilnWorker } from "./browser-worker-client.js";
export type { KilnWorkerOptions, WorkerLike, WorkerRunResult } from "./browser-worker-client.js";
