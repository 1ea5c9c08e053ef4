// What a VM worker of the pool does, whatever starts it (Node: vm-worker.ts on worker_threads;
// a browser: web-threads.ts in a Web Worker): make its runtime with this thread's side of the
// pool as the runtime's backend, declare the program's libraries, then serve tasks forever
// (participant.ts). The platform gives how to make the runtime, how messages come and go, where
// output is flushed and how the thread ends on `(exit)` in a task.

import type { Runtime } from "../api/runtime.js";
import { readAll } from "../reader/reader.js";
import { positionOf } from "../reader/source-map.js";
import { Pair, Sym } from "../runtime/values.js";
import { ExitSignal } from "../vm/requests.js";
import { Participant, Receive } from "./participant.js";
import type { ToScheduler } from "./protocol.js";
import type { ParallelBackend } from "./primitives.js";

export interface VmWorkerPlatform {
  /** This worker's participant number (1..N) and the pool's size. */
  readonly index: number;
  readonly workers: number;
  readonly wake: SharedArrayBuffer;
  readonly interruptBuffer: SharedArrayBuffer;
  readonly receive: Receive;
  post(m: ToScheduler, transfer: ArrayBuffer[]): void;
  /** Make this worker's runtime, whose `parallel.backend` is `backend`. */
  makeRuntime(backend: ParallelBackend): Runtime;
  /** The program's file (it joins the library search path) and its text, whose `define-library` forms are declared. */
  programText(rt: Runtime): { file: string; text: string | null } | null;
  /** Flush the standard ports (after each task, and before the thread ends). */
  flush(rt: Runtime): void;
  /** End this thread with `code` (an `exit` in a task). */
  exit(code: number): never;
}

/** Declare the `define-library` forms of `text` (a file of the program, or one the REPL declared). */
export function declareLibraries(rt: Runtime, text: string, file: string): void {
  for (const form of readAll(text, file)) {
    if (form instanceof Pair && form.car instanceof Sym && form.car.name === "define-library") {
      rt.libraries.declare(form, positionOf(form) ?? null);
    }
  }
}

/** Be worker `p.index` of the pool: make the runtime, then serve tasks forever. */
export function serveTasks(p: VmWorkerPlatform): void {
  let participant: Participant | null = null;
  const backend: ParallelBackend = {
    size: p.workers,
    newId: () => participant!.newId(),
    spawn: (bytes) => participant!.spawn(bytes),
    wait: (id) => participant!.wait(id),
    forget: (id) => participant!.forget(id),
    put: (ch, bytes) => participant!.put(ch, bytes),
    get: (ch) => participant!.get(ch),
    statistics: () => participant!.statistics(),
  };
  const rt = p.makeRuntime(backend);
  const program = p.programText(rt);
  if (program !== null) {
    rt.libraries.setProgramFile(program.file);
    if (program.text !== null) declareLibraries(rt, program.text, program.file);
  }
  participant = new Participant(
    p.index, p.receive, (m, transfer) => p.post(m, transfer), new Int32Array(p.wake), new Int32Array(p.interruptBuffer),
    {
      run: (bytes) => {
        try {
          return rt.parallel.runTask(bytes);
        } catch (e) {
          p.flush(rt);
          if (e instanceof ExitSignal) p.exit(e.code);
          throw e;
        } finally {
          p.flush(rt);
        }
      },
      declare: (text) => declareLibraries(rt, text, "kiln:declared"),
    },
  );
  void participant.serve();
}
