// The pool on Node (worker_threads): what the kiln command and the embedding API (with Node
// access) give a runtime as `RuntimeOptions.parallel`. Starting it (on the first future) makes
// the scheduler thread (scheduler.ts), which starts the VM workers (vm-worker.ts); this thread
// becomes participant 0, the owner. The threads are unreferenced: the pool never keeps a
// process alive, and ends with the thread that owns it (the kiln command's program worker
// exits with the program's status, taking the pool's threads with it).

import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Runtime } from "../api/runtime.js";
import { Participant, ownerBackend, ownerOutput, workerRuntimeSetup } from "./participant.js";
import { MAX_PARTICIPANTS, OWNER } from "./protocol.js";
import type { SchedulerSetup, ToParticipant, ToScheduler, WorkerRuntimeSetup } from "./protocol.js";
import { ParallelBackend, ParallelOptions, resolveWorkers } from "./primitives.js";
import type { WorkerLimits } from "../host/worker/limits.js";
import { processPorts } from "../runtime/ports.js";

/** Pools started in this thread, to stop them (`stopPools`). */
const pools = new Set<{ stop(): void }>();

/** The parallel options of a Node runtime: a pool of `workers` (default: KILN_WORKERS, else the cores). */
export function nodeParallel(workers?: number, limits: WorkerLimits = {}): ParallelOptions {
  return { workers, cores: availableParallelism(), start: (rt, n, declared) => startPool(rt, n, limits, declared) };
}

/** What the workers' runtimes need to be made like `rt`. */
function runtimeSetup(rt: Runtime, declared: string[]): WorkerRuntimeSetup {
  return workerRuntimeSetup(rt, declared, {
    nodeJs: rt.options.js?.full === true,
    cache: rt.options.codeStore != null,
    // The kiln command's runtime writes fds 1 and 2 (so do its workers); an embedding's ports are its own.
    relayOutput: rt.ports !== processPorts,
  });
}

export function startPool(rt: Runtime, workers: number | undefined, limits: WorkerLimits = {}, declared: string[] = []): ParallelBackend {
  const size = Math.min(MAX_PARTICIPANTS - 1, resolveWorkers(workers, rt.host.env?.()["KILN_WORKERS"], availableParallelism()));
  const wake = new SharedArrayBuffer(4 * (size + 1));
  const flag = rt.interrupts.flag;
  const shared = flag.buffer instanceof SharedArrayBuffer ? flag.buffer : null;
  const setup: SchedulerSetup = { workers: size, runtime: runtimeSetup(rt, declared), limits, interruptBuffer: shared, wake };
  const channel = new MessageChannel();
  const scheduler = new Worker(new URL("./scheduler-node.js", import.meta.url), {
    workerData: { setup, port: channel.port2 }, transferList: [channel.port2],
  });
  scheduler.unref();
  const port = channel.port1;
  const owner = new Participant(OWNER, () => receiveMessageOnPort(port)?.message as ToParticipant | undefined,
    (m: ToScheduler, transfer) => port.postMessage(m, transfer),
    new Int32Array(wake), shared ? flag : null,
    ownerOutput(rt));
  const pool = {
    stop(): void {
      pools.delete(pool);
      port.postMessage({ t: "shutdown" } satisfies ToScheduler);
      port.close();
    },
  };
  pools.add(pool);
  return ownerBackend(owner, size);
}

/** Stop every pool this thread started (their workers end; touching their futures fails). */
export function stopPools(): void {
  for (const p of [...pools]) p.stop();
}
