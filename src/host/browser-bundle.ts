// The browser builds' entry point (dist/browser/kiln.mjs, and kiln.js as a classic script
// defining `Kiln`): the embedding API, the browser host, and the client of Kiln in a Web
// Worker (whose own script is browser-worker.ts, built as dist/browser/kiln-worker.js).

export * from "../api/index.js";
export { browserHost, createBrowserKiln, errorPosition } from "./browser.js";
export type { BrowserHostOptions, BrowserKilnOptions, BrowserKiln, RunResult, ErrorPosition } from "./browser.js";
export { KilnWorker } from "./browser-worker-client.js";
export type { KilnWorkerOptions, WorkerLike, WorkerRunResult } from "./browser-worker-client.js";
