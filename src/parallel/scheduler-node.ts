// The scheduler's thread on Node (started by node.ts): runScheduler (scheduler.ts) with the
// owner's MessagePort and VM workers started through src/host/worker (stack and heap limits, the
// shared interrupt flag; their deaths reported as exit, out of memory or crash).

import { MessagePort, workerData } from "node:worker_threads";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RuntimeWorker } from "../host/worker/runtime-worker.js";
import { runScheduler } from "./scheduler.js";
import type { SchedulerSetup, ToScheduler, VmWorkerData } from "./protocol.js";

const { setup, port } = workerData as { setup: SchedulerSetup; port: MessagePort };

/**
 * The CLI's worker bundle with its code cache (scripts/bundle-cli.mjs) when the build made it: a
 * worker starts from two cached scripts instead of compiling some eighty ES modules.
 */
const bundled = new URL("../../cli/kiln-worker-start.cjs", import.meta.url);
const workerEntry = existsSync(fileURLToPath(bundled)) ? bundled : new URL("./vm-worker-entry.js", import.meta.url);

runScheduler({
  setup,
  toOwner: (m, transfer) => port.postMessage(m, transfer),
  onOwner: (receive) => port.on("message", (m: ToScheduler) => receive(m)),
  startWorker(data, _gen, receive, ended) {
    const rw = new RuntimeWorker<VmWorkerData>({
      entry: workerEntry,
      data,
      interruptBuffer: setup.interruptBuffer ?? undefined,
      ...setup.limits,
    });
    rw.onEvent((body) => receive(body as ToScheduler));
    void rw.outcome.then(ended);
    return {
      send: (m, transfer) => rw.worker.postMessage(m, transfer),
      get done() { return rw.done; },
      terminate: async () => { await rw.terminate(); },
    };
  },
  exit() {
    port.close();
    process.exit(0);
  },
});
