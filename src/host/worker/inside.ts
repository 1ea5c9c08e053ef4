// A runtime worker seen from inside the worker thread (the other half of runtime-worker.ts).
//
// `workerContext()` gives the entry module what the host sent: its data, the interrupt
// buffer to hand to `new Runtime(host, { interruptBuffer })`, the limits in force (the JIT
// sizes its native depth budget from `limits.stackMb`), `serve` to answer the host's
// requests one at a time, and `emit` to send it events. Requests are handled on the worker's
// event loop, so a long synchronous evaluation delays the next request, never interleaves.

import { isMainThread, parentPort, workerData } from "node:worker_threads";
import type { HostToWorker, WorkerSetup, WorkerToHost } from "./protocol.js";
import type { WorkerLimits } from "./limits.js";
import { relayedStdin } from "./stdin-relay.js";
import { Interrupted } from "../../runtime/interrupts.js";
import { setHeapLimit } from "../../runtime/heap-room.js";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | null = null;
/**
 * Bytes in use by this thread: the heap and its ArrayBuffers (bytevectors), which the heap limit
 * does not bound by itself; `precise`: after a full collection (V8's gc, exposed on first use).
 */
function heapUsed(precise: boolean): number {
  if (precise) {
    if (collect === null) {
      setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    }
    collect();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export interface WorkerContext<D> {
  readonly data: D;
  readonly interruptBuffer: SharedArrayBuffer;
  readonly limits: Required<WorkerLimits>;
  /** Answer each request with `handler`'s value (or its error's message); one at a time. */
  serve(handler: (body: unknown) => unknown | Promise<unknown>): void;
  /** Send an event to the host (`RuntimeWorker.onEvent`). */
  emit(body: unknown): void;
  /**
   * A blocking reader of standard input (bytes into the buffer, 0 at end of input), relayed
   * by the host when it started the worker with `stdin: true`; null otherwise. A Ctrl-C while
   * it waits throws `Interrupted` (runtime/interrupts.ts), as a poll would.
   */
  readonly stdin: ((buf: Uint8Array) => number) | null;
  /** Stop receiving requests, so the worker can end once its work is done. */
  close(): void;
}

/** The context of the current worker thread; throws on the main thread. */
export function workerContext<D>(): WorkerContext<D> {
  if (isMainThread || parentPort === null) throw new Error("workerContext: not on a runtime worker thread");
  const port = parentPort;
  const setup = workerData as WorkerSetup<D>;
  const send = (m: WorkerToHost): void => port.postMessage(m);
  const slots = new Int32Array(setup.interruptBuffer);
  const interrupted = (): never => { throw new Interrupted(Atomics.load(slots, 0) === 1 ? "interrupt" : "abort"); };
  // One allocation too big for the room left under the heap limit would be fatal to the whole
  // process (runtime/heap-room.ts): the primitives that build big arrays check first.
  setHeapLimit(setup.limits.heapMb * 1024 * 1024, heapUsed);
  return {
    stdin: setup.stdinPort ? relayedStdin(setup.stdinPort, slots, interrupted) : null,
    data: setup.data,
    interruptBuffer: setup.interruptBuffer,
    limits: setup.limits,
    serve(handler) {
      let queue = Promise.resolve();
      port.on("message", (m: HostToWorker) => {
        if (m.kind !== "request") return;
        queue = queue.then(async () => {
          try { send({ kind: "reply", id: m.id, ok: true, value: await handler(m.body) }); }
          catch (e) { send({ kind: "reply", id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }); }
        });
      });
    },
    emit(body) { send({ kind: "event", body }); },
    close() { port.removeAllListeners("message"); port.unref(); },
  };
}
