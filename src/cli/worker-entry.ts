// The runtime worker of the `kiln` command (started by launch.ts through src/host/worker):
// runs the program, or serves the REPL's requests, on a thread with a large native stack and
// a heap limit. Its exit code is the program's exit status. No top-level await: the build also
// bundles this module into one CommonJS file (scripts/bundle-cli.mjs).

import { workerContext } from "../host/worker/inside.js";
import { runCli } from "./main.js";
import { serveRepl } from "./repl.js";
import { isVmWorkerData, serveVmWorker } from "../parallel/vm-worker.js";
import type { CliJob } from "./launch.js";
import type { VmWorkerData } from "../parallel/protocol.js";

const ctx = workerContext<CliJob | VmWorkerData>();
const job = ctx.data;
const run = { interruptBuffer: ctx.interruptBuffer, stackMb: ctx.limits.stackMb, stdin: ctx.stdin };
// The bundle of this module is also what the parallel pool's workers run (src/parallel/vm-worker.ts).
if (isVmWorkerData(job)) serveVmWorker(ctx as typeof ctx & { data: VmWorkerData });
else if (job.options.action === "repl") serveRepl(ctx as typeof ctx & { data: CliJob }, job, run);
else {
  const status = runCli(job.options, run);
  if (typeof status === "number") process.exit(status);
  void status.then((code) => process.exit(code));
}
