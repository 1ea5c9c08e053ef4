// The runtime worker of the `kiln` command (started by launch.ts through src/host/worker):
// runs the program, or serves the REPL's requests, on a thread with a large native stack and
// a heap limit. Its exit code is the program's exit status.

import { workerContext } from "../host/worker/inside.js";
import { runCli } from "./main.js";
import type { CliJob } from "./launch.js";

const ctx = workerContext<CliJob>();
const job = ctx.data;
const run = { interruptBuffer: ctx.interruptBuffer, stackMb: ctx.limits.stackMb, stdin: ctx.stdin };
if (job.options.action === "repl") {
  const { serveRepl } = await import("./repl.js");
  serveRepl(ctx, job, run);
} else {
  process.exit(await runCli(job.options, run));
}
