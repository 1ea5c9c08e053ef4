// The messages between a page and a Kiln runtime running in a Web Worker
// (browser-worker.ts on the worker side, browser-worker-client.ts on the page side).
//
// One run at a time: the page sends `run`, the worker answers with any number of `output`
// messages and then one `done`. Stopping a run: when the page is cross-origin isolated it
// shares a SharedArrayBuffer with the worker (`init`) and sets a flag in it, which the
// runtime polls at calls and loop back-edges; otherwise the page terminates the worker and
// starts a new one (the runtime's definitions are then lost, and the client says so).

import type { RunResult } from "./browser.js";
import type { JitStats } from "../jit/jit.js";

export type ToWorker =
  | { type: "init"; interruptFlag: SharedArrayBuffer | null; jit?: { enabled?: boolean; threshold?: number };
      /** The page's address: relative URLs given to `fetch` resolve against it (a worker made from a blob has none of its own). */
      baseUrl: string;
      /** Workers of (kiln parallel) (default: the browser's cores; 0: none). */
      workers?: number }
  | { type: "run"; id: number; source: string; file: string; stdin: string };

export type FromWorker =
  | { type: "ready"; interruptible: boolean }
  | { type: "output"; stream: "stdout" | "stderr"; text: string }
  | { type: "done"; id: number; result: RunResult; stats: JitStats };

/** Output is sent in batches: after this many characters, or this many milliseconds. */
export const OUTPUT_BATCH_CHARS = 32 * 1024;
export const OUTPUT_BATCH_MS = 30;
