// A VM worker of the pool on Node: a full Kiln runtime (its own JIT) on a worker thread, started
// by the scheduler through src/host/worker (stack and heap limits; the owner's interrupt flag, so
// Ctrl-C stops it too). It is made the way the owner's runtime was made (same JIT settings,
// library search path, (kiln js) access), and the program's own `define-library` forms are
// declared here without running the program, so a procedure named by a library of the program
// is found. Libraries load on first use, when a task names one of their procedures, from the
// code cache when the owner uses it (docs/cache.md).
//
// Libraries the REPL (or any evaluated text) declared arrive as messages and are declared here
// too. Output goes to the process's fds 1 and 2, or, when the owner is an embedding with its
// own stdout, to the owner as messages (it writes them with its ports).
//
// Then it serves (serve-tasks.ts, shared with the browser's workers): runs each task the
// scheduler gives it, and while a task of its own waits in `touch` or `channel-get`, runs other
// tasks (participant.ts). `(exit)` in a task ends this thread: the scheduler fails the task and
// starts a new worker.
//
// The CLI's worker bundle (dist/cli/kiln-worker.cjs) contains this module too: the scheduler
// starts workers from the bundle and its code cache when it exists (src/cli/worker-entry.ts).

import { parentPort, receiveMessageOnPort } from "node:worker_threads";
import type { WorkerContext } from "../host/worker/inside.js";
import { Runtime } from "../api/runtime.js";
import { nodeHost } from "../host/node.js";
import { setStandardOutput, flushStandardPorts } from "../lib/io.js";
import { processPorts } from "../runtime/ports.js";
import { nodeJsOptions } from "../interop/node-modules.js";
import { diskStore } from "../cache/disk-store.js";
import { serveTasks } from "./serve-tasks.js";
import type { ToParticipant, ToScheduler, VmWorkerData } from "./protocol.js";

/** Whether a worker's data is a pool worker's (the CLI's worker bundle serves both kinds). */
export function isVmWorkerData(data: unknown): data is VmWorkerData {
  return typeof data === "object" && data !== null && "wake" in data && "runtime" in data;
}

/** Be worker `ctx.data.index` of the pool: make the runtime, then serve tasks forever. */
export function serveVmWorker(ctx: WorkerContext<VmWorkerData>): void {
  const { index, workers, runtime: setup, wake } = ctx.data;
  const host = nodeHost(setup.commandLine);
  const emit = (m: ToScheduler): void => ctx.emit(m);
  if (setup.relayOutput) {
    setStandardOutput((text) => emit({ t: "output", fd: 1, text }), (text) => emit({ t: "output", fd: 2, text }));
  } else {
    setStandardOutput(host.stdout, host.stderr);
  }
  const port = parentPort!;
  serveTasks({
    index, workers, wake,
    interruptBuffer: ctx.interruptBuffer,
    receive: () => receiveMessageOnPort(port)?.message as ToParticipant | undefined,
    post: emit,
    makeRuntime: (backend) => new Runtime(host, {
      jit: setup.jit ?? undefined,
      libraryPath: { prepend: setup.searchPath },
      ports: processPorts,
      js: setup.nodeJs ? nodeJsOptions() : undefined,
      interruptBuffer: ctx.interruptBuffer,
      nativeStackMb: ctx.limits.stackMb,
      parallel: { backend },
      // The code cache as the owner used it: libraries come from it when they are there.
      codeStore: setup.cache ? diskStore() : null,
      precompiled: setup.precompiled ? undefined : null,
    }),
    programText: () => setup.programFile === null ? null : { file: setup.programFile, text: host.readFile!(setup.programFile) },
    flush: () => flushStandardPorts(),
    exit: (code) => process.exit(code),
  });
}
