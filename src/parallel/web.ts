// The pool in a browser: what the browser build gives a runtime as `RuntimeOptions.parallel`
// (src/host/browser.ts). Starting it (on the first future) makes the scheduler a Web Worker
// running the browser build's worker script (kiln-worker.js, which serves this role when told:
// web-threads.ts); the scheduler starts the VM workers as Web Workers of the same script. This
// thread becomes participant 0, the owner, as on Node (node.ts): the scheduling, the messages,
// the transfer of values and the VM workers' serving are the same code; what differs is that
// messages to a participant arrive in its shared-memory mailbox (mailbox.ts), a browser having
// no receiveMessageOnPort.
//
// A browser starts a Web Worker only when the thread that made it returns to its event loop, and
// the owner blocks in `touch` inside a running program: a scheduler made at the first future would
// never start. So the scheduler's worker is made with the runtime (`webParallel`), idle until the
// pool starts; `ready` settles once it runs, and evaluateAsync waits for it (src/host/browser.ts).
// The VM workers are the scheduler's own workers, made when the pool starts (the scheduler never
// blocks). A first future before the scheduler runs is an error saying so.
//
// The pool needs shared memory and a thread allowed to block: a cross-origin isolated page
// (COOP: same-origin, COEP: require-corp) and an owner that is itself a worker (a page's main
// thread may not Atomics.wait; KilnWorker runs programs in one). Without them, or without the
// worker script's address, or with `workers: 0`, there is no pool, and futures run on the
// program's thread when first touched, after the same checks (primitives.ts).

import type { Runtime } from "../api/runtime.js";
import { Participant, ownerBackend, ownerOutput, workerRuntimeSetup } from "./participant.js";
import { MAX_PARTICIPANTS, OWNER } from "./protocol.js";
import type { SchedulerSetup, ToParticipant, ToScheduler, VmWorkerData, WorkerRuntimeSetup } from "./protocol.js";
import { ParallelBackend, ParallelOptions, resolveWorkers } from "./primitives.js";
import { MailboxReader, newMailbox } from "./mailbox.js";
import { schemeError } from "../runtime/errors.js";

export interface WebPoolOptions {
  /** Number of VM workers (default: `navigator.hardwareConcurrency`); 0: no pool. */
  workers?: number;
  /** Address of the browser build's worker script (dist/browser/kiln-worker.js); none: no pool. */
  script?: string;
  /** The in-memory files of the browser host: the workers read libraries from the same ones. */
  files?: Record<string, string>;
}

/** The parts of a Web Worker used here (typed without the DOM library). */
export interface WebWorker {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
}

/** How a Web Worker is made: `new Worker(script, { name })`. */
export type WebWorkerConstructor = new (script: string, options?: { name?: string }) => WebWorker;

/** What the worker script is told to become (web-threads.ts). */
export type PoolRoleMessage =
  /** Made with the runtime: set `alive` and post "alive", then wait to be told to be the scheduler. */
  | { readonly type: "kiln-pool"; readonly role: "standby"; readonly alive: SharedArrayBuffer }
  | { readonly type: "kiln-pool"; readonly role: "scheduler"; readonly setup: SchedulerSetup; readonly mailboxes: SharedArrayBuffer[];
      readonly script: string; readonly files: Record<string, string> }
  | { readonly type: "kiln-pool"; readonly role: "worker"; readonly data: VmWorkerData;
      readonly mailbox: SharedArrayBuffer; readonly interruptBuffer: SharedArrayBuffer; readonly files: Record<string, string> };

/** Messages a thread of the browser pool sends the scheduler besides the protocol's. */
export type WebToScheduler =
  | ToScheduler
  /** The participant read its mailbox, which was full: write more. */
  | { readonly t: "room"; readonly from: number }
  /** A VM worker ends (exit in a task): a Web Worker's end is not seen by its parent otherwise. */
  | { readonly t: "exit"; readonly code: number };

/** The number of cores the browser reports (1 when it does not say). */
export function browserCores(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return typeof n === "number" && n >= 1 ? n : 1;
}

/**
 * Why this thread cannot own a pool, or null when it can: shared memory (cross-origin
 * isolation), Web Workers, and Atomics.wait (not a page's main thread).
 */
export function webPoolUnavailable(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown };
  if (typeof SharedArrayBuffer !== "function" || g.crossOriginIsolated !== true) return "the page is not cross-origin isolated (no SharedArrayBuffer)";
  if (typeof g.Worker !== "function") return "this thread cannot start Web Workers";
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
  } catch {
    return "this thread may not block (a page's main thread): run the program in a worker (KilnWorker)";
  }
  return null;
}

/** A browser runtime's parallel options, and when its pool's scheduler runs (at once when it has no pool). */
export interface WebParallel extends ParallelOptions {
  readonly ready: Promise<void>;
}

/** The scheduler's worker, made before the pool starts. */
interface Standby {
  readonly worker: WebWorker;
  /** Set to 1 by the worker once its script runs. */
  readonly alive: Int32Array;
  /** Why it failed to start, if it did. */
  failed: string | null;
  readonly ready: Promise<void>;
}

function standby(script: string): Standby {
  const Worker = (globalThis as unknown as { Worker: WebWorkerConstructor }).Worker;
  const worker = new Worker(script, { name: "kiln-pool-scheduler" });
  const alive = new Int32Array(new SharedArrayBuffer(4));
  let settle!: () => void;
  const s: Standby = { worker, alive, failed: null, ready: new Promise<void>((resolve) => { settle = resolve; }) };
  worker.onmessage = ({ data }) => { if ((data as { t?: string }).t === "alive") settle(); };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    s.failed = ev.message ?? "its script did not load";
    settle();
  };
  worker.postMessage({ type: "kiln-pool", role: "standby", alive: alive.buffer as SharedArrayBuffer } satisfies PoolRoleMessage);
  return s;
}

/** The parallel options of a browser runtime: a pool when this thread can have one, else none (local futures). */
export function webParallel(options: WebPoolOptions): WebParallel {
  const cores = browserCores();
  if (options.workers === 0 || options.script === undefined || webPoolUnavailable() !== null) return { cores, ready: Promise.resolve() };
  const script = options.script;
  const scheduler = standby(script);
  return {
    workers: options.workers, cores, ready: scheduler.ready,
    start: (rt, n, declared) => {
      if (scheduler.failed !== null) schemeError(`future: the worker pool could not start: ${scheduler.failed}`);
      if (Atomics.load(scheduler.alive, 0) === 0) {
        schemeError("future: the worker pool is still starting (its threads start only while this thread is idle: " +
          "let the event loop turn once after making the runtime; evaluateAsync waits for them)");
      }
      return startWebPool(rt, n, scheduler.worker, script, options.files ?? {}, declared);
    },
  };
}

/** What the workers' runtimes need to be made like `rt` (node.ts's, less what a browser lacks). */
function runtimeSetup(rt: Runtime, declared: string[]): WorkerRuntimeSetup {
  // No Node access and no code cache; the workers' output is written by this thread, through its ports.
  return workerRuntimeSetup(rt, declared, { nodeJs: false, cache: false, relayOutput: true });
}

/** Start the pool with `scheduler`, a worker of `script` that is running. */
function startWebPool(rt: Runtime, workers: number | undefined, scheduler: WebWorker, script: string, files: Record<string, string>, declared: string[]): ParallelBackend {
  const size = Math.min(MAX_PARTICIPANTS - 1, resolveWorkers(workers, undefined, browserCores()));
  const wake = new SharedArrayBuffer(4 * (size + 1));
  const mailboxes = Array.from({ length: size + 1 }, () => newMailbox());
  const flag = rt.interrupts.flag;
  const shared = flag.buffer instanceof SharedArrayBuffer ? flag.buffer : null;
  const setup: SchedulerSetup = { workers: size, runtime: runtimeSetup(rt, declared), limits: {}, interruptBuffer: shared, wake };
  scheduler.onmessage = null;
  const post = (m: WebToScheduler, transfer: ArrayBuffer[] = []): void => scheduler.postMessage(m, transfer);
  scheduler.postMessage({ type: "kiln-pool", role: "scheduler", setup, mailboxes, script, files } satisfies PoolRoleMessage);
  const mailbox = new MailboxReader(mailboxes[OWNER], () => post({ t: "room", from: OWNER }));
  const owner = new Participant(OWNER, () => mailbox.receive() as ToParticipant | undefined, post,
    new Int32Array(wake), shared ? flag : null,
    ownerOutput(rt));
  return ownerBackend(owner, size);
}
