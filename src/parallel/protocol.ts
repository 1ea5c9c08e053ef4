// The messages of the parallel pool (docs/parallel.md). Three kinds of thread take part: the
// owner (the thread whose runtime started the pool: the program), the scheduler (one thread
// that only routes messages and keeps the task queues; it never runs Scheme, so it always
// answers), and the VM workers (each a full Kiln runtime). Participants are numbered: 0 is the
// owner, 1..N the workers. Everything a participant receives arrives on a MessagePort that it
// reads synchronously (receiveMessageOnPort) after sleeping on its own slot of the wake buffer
// (Atomics.wait): a thread blocked in `touch` inside a running Scheme program never needs its
// event loop. Values travel as bytes of src/serial/values.ts (transferred, not copied).

import type { BacktraceEntry } from "../vm/requests.js";
import type { WorkerLimits } from "../host/worker/limits.js";

/** Participant number of the owner. */
export const OWNER = 0;

/** Task ids carry the spawning participant in their low bits (at most this many participants). */
export const MAX_PARTICIPANTS = 1024;

/** Why a task did not produce a value. */
export type Failure =
  /** The task raised: the payload (serialized, or null when it could not be copied), its text, where. */
  | { readonly kind: "raised"; readonly payload: Uint8Array | null; readonly text: string; readonly backtrace: BacktraceEntry[] }
  /** The worker running it ended (exit, out of memory, crash), or the pool is shutting down. */
  | { readonly kind: "lost"; readonly text: string }
  /** It was stopped by an interrupt (Ctrl-C, abort, a budget). */
  | { readonly kind: "interrupted"; readonly text: string };

/** From any participant to the scheduler. */
export type ToScheduler =
  /** A new task: bytes of the list (procedure argument ...), applied on a worker. */
  | { readonly t: "spawn"; readonly from: number; readonly id: number; readonly bytes: Uint8Array }
  /** A worker waits for task `id`: run it here if nobody started it, else give me other work. */
  | { readonly t: "touch"; readonly from: number; readonly id: number }
  /** A worker has nothing to do. */
  | { readonly t: "idle"; readonly from: number }
  /**
   * A worker finished running a task; `next` saves a message: "idle" (it has nothing to do), the
   * id of the task it waits for in touch (as a "touch" would say), "help" (it still waits in
   * channel-get: give it other work), or null (it runs on).
   */
  | { readonly t: "done"; readonly from: number; readonly id: number; readonly value: Uint8Array | null; readonly failure: Failure | null;
      readonly next: Next }
  /** The future of task `id` became garbage untouched: drop the task if queued, its result if not. */
  | { readonly t: "cancel"; readonly from: number; readonly id: number }
  /** A library declared by evaluated text (the REPL) after the pool started: declare it on every worker. */
  | { readonly t: "declare"; readonly text: string }
  /** Output of a worker, relayed to the owner (an embedding's own stdout/stderr). */
  | { readonly t: "output"; readonly fd: 1 | 2; readonly text: string }
  /** Channels: put a value; ask for the next one (answered by an "item"; a worker asking helps meanwhile). */
  | { readonly t: "put"; readonly from: number; readonly channel: number; readonly bytes: Uint8Array }
  | { readonly t: "get"; readonly from: number; readonly channel: number }
  /** Ask for the scheduler's counters (answered by "stats"). */
  | { readonly t: "stats"; readonly from: number }
  /** The owner stops the pool. */
  | { readonly t: "shutdown" };

/** From the scheduler to a participant. */
export type ToParticipant =
  | { readonly t: "run"; readonly id: number; readonly bytes: Uint8Array }
  | { readonly t: "result"; readonly id: number; readonly value: Uint8Array | null; readonly failure: Failure | null }
  | { readonly t: "item"; readonly channel: number; readonly bytes: Uint8Array }
  | { readonly t: "stats"; readonly stats: PoolStatistics }
  | { readonly t: "declare"; readonly text: string }
  | { readonly t: "output"; readonly fd: 1 | 2; readonly text: string };

/** What a worker does after a task (see "done"). */
export type Next = "idle" | "help" | number | null;

/** What the scheduler counts (`parallel-statistics`). */
export interface PoolStatistics {
  workers: number;
  /** Tasks spawned, by the owner and by workers. */
  tasks: number;
  /** Tasks a worker took from another worker's deque. */
  stolen: number;
  /** Tasks run by the worker that touched them before anyone started them. */
  "run-by-toucher": number;
  /** Tasks given to a worker while it waited in touch. */
  helped: number;
  /** Workers that died and were replaced. */
  replaced: number;
}

/** How the workers' runtimes are made: what the owner's runtime was made with. */
export interface WorkerRuntimeSetup {
  readonly jit: { enabled: boolean; threshold: number; debug: boolean } | null;
  /** Directories searched for library files, in the owner's order. */
  readonly searchPath: string[];
  /** The program's file: its `define-library` forms are declared (not run) in each worker. */
  readonly programFile: string | null;
  /** Whether (kiln js) reaches all of Node, as in the kiln command. */
  readonly nodeJs: boolean;
  readonly commandLine: string[];
  /** The owner uses the persistent code cache (docs/cache.md): the workers load libraries from it too. */
  readonly cache: boolean;
  /** The owner loaded the precompiled prelude image (false: KILN_PRECOMPILED=0). */
  readonly precompiled: boolean;
  /** Libraries declared by evaluated text before the pool started (written forms), in order. */
  readonly declared: string[];
  /** Send workers' output to the owner, which writes it (an embedding's own stdout), instead of fds 1 and 2. */
  readonly relayOutput: boolean;
}

/** What the scheduler thread is given. */
export interface SchedulerSetup {
  readonly workers: number;
  readonly runtime: WorkerRuntimeSetup;
  readonly limits: WorkerLimits;
  /** The owner's interrupt flag (runtime/interrupts.ts), shared by every worker: Ctrl-C stops all. */
  readonly interruptBuffer: SharedArrayBuffer | null;
  /** One Int32 slot per participant, bumped and notified when a message was posted to it. */
  readonly wake: SharedArrayBuffer;
}

/** What a VM worker is given (workerData of src/host/worker/inside.ts). */
export interface VmWorkerData {
  readonly index: number;
  /** The number of workers in the pool (what `parallel-workers` says on a worker too). */
  readonly workers: number;
  readonly runtime: WorkerRuntimeSetup;
  readonly wake: SharedArrayBuffer;
}
