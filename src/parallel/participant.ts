// One thread's side of the pool, on Node (worker_threads) and in the browser (Web Workers): the
// owner's and each VM worker's. Sending is postMessage to the scheduler; receiving is synchronous
// (`receive`: receiveMessageOnPort on Node, the shared-memory mailbox of mailbox.ts in a browser)
// after sleeping on this participant's slot of the wake buffer, so a Scheme program blocked in
// `touch` or `channel-get` waits without its event loop. While it waits, a worker runs the
// tasks the scheduler gives it (its own unstarted child first, then stolen work): that is what
// keeps nested futures (parallel fib, merge sort) and workers waiting on channels from
// deadlocking when every worker waits. The owner only waits; an interrupt (Ctrl-C: the shared
// flag) ends its wait. An idle worker waits asynchronously, so its event loop turns between
// tasks (the finalizers that drop untouched futures run then).

import { Interrupted, INTERRUPT_USER } from "../runtime/interrupts.js";
import { MAX_PARTICIPANTS } from "./protocol.js";
import type { Failure, Next, PoolStatistics, ToParticipant, ToScheduler, WorkerRuntimeSetup } from "./protocol.js";
import type { ParallelBackend } from "./primitives.js";
import type { Runtime } from "../api/runtime.js";

/** A task's outcome as it arrives: value bytes, or why there is none. */
export interface Outcome { readonly value: Uint8Array | null; readonly failure: Failure | null }

/** How often a waiting thread looks at the interrupt flag even when nothing wakes it (ms). */
const POLL_MS = 50;
/** How long an idle worker sleeps synchronously before it waits on its event loop (ms). */
const IDLE_SPIN_MS = 20;
/** A worker given task after task lets its event loop turn at least this often (ms). */
const YIELD_EVERY_MS = 1000;

/** Atomics.waitAsync (Node 16+, Chromium 87+; not in this TypeScript's lib; absent in some browsers). */
const waitAsync = (Atomics as unknown as {
  waitAsync?(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string };
}).waitAsync;

/** Let the event loop turn once (setImmediate on Node, a timer elsewhere). */
const turn = (): Promise<void> => new Promise((resolve) => {
  const immediate = (globalThis as { setImmediate?: (f: () => void) => void }).setImmediate;
  if (immediate) immediate(resolve); else setTimeout(resolve, 0);
});

/** Takes the next message that has arrived for this participant, if any (never blocks). */
export type Receive = () => ToParticipant | undefined;

/** What a participant does with the messages that are not answers to its own requests. */
export interface ParticipantHandlers {
  /** Run a task and return its outcome (workers); absent for the owner, which never runs tasks. */
  readonly run?: (bytes: Uint8Array) => Outcome;
  /** Declare a library from its written form (workers: a library the REPL declared). */
  readonly declare?: (text: string) => void;
  /** Write a worker's relayed output (the owner of an embedding with its own stdout). */
  readonly output?: (fd: 1 | 2, text: string) => void;
}

export class Participant {
  private counter = 0;
  private readonly results = new Map<number, Outcome>();
  /** Tasks whose futures were dropped untouched: their results are thrown away on arrival. */
  private readonly dropped = new Set<number>();
  private readonly items = new Map<number, Uint8Array[]>();
  private readonly runs: { id: number; bytes: Uint8Array }[] = [];
  private stats: PoolStatistics | null = null;
  private readonly runner: ((bytes: Uint8Array) => Outcome) | null;

  constructor(
    readonly index: number,
    private readonly receive: Receive,
    private readonly post: (m: ToScheduler, transfer: ArrayBuffer[]) => void,
    private readonly wake: Int32Array,
    private readonly interruptFlag: Int32Array | null,
    private readonly handlers: ParticipantHandlers = {},
  ) {
    this.runner = handlers.run ?? null;
  }

  /** A fresh id for a task or a channel, unique in the pool. */
  newId(): number { return ++this.counter * MAX_PARTICIPANTS + this.index; }

  spawn(bytes: Uint8Array): number {
    const id = this.newId();
    this.post({ t: "spawn", from: this.index, id, bytes }, [bytes.buffer as ArrayBuffer]);
    return id;
  }

  put(channel: number, bytes: Uint8Array): void {
    this.post({ t: "put", from: this.index, channel, bytes }, [bytes.buffer as ArrayBuffer]);
  }

  /** The future of task `id` is garbage and was never touched: nobody will want its outcome. */
  forget(id: number): void {
    if (!this.results.delete(id)) this.dropped.add(id);
    this.post({ t: "cancel", from: this.index, id }, []);
  }

  /** Results held for futures not touched yet (a test's window on `forget`). */
  get held(): number { return this.results.size; }

  /** A library declared after the pool started: every worker declares it too. */
  declare(text: string): void { this.post({ t: "declare", text }, []); }

  /** The outcome of task `id` (spawned by this participant), running other tasks meanwhile on a worker. */
  wait(id: number): Outcome {
    const have = (): Outcome | undefined => {
      const r = this.results.get(id);
      if (r !== undefined) this.results.delete(id);
      return r;
    };
    this.drain();
    let r = have();
    if (r !== undefined) return r;
    if (this.runner !== null) this.post({ t: "touch", from: this.index, id }, []);
    for (;;) {
      this.sleep();
      if ((r = have()) !== undefined) return r;
      // The last task's "done" asks for more work while waiting for `id` (one message, not two).
      if (this.runs.length > 0) this.runPending(() => (this.results.has(id) ? null : id));
    }
  }

  /** The next value on a channel (blocks; a worker runs other tasks meanwhile). */
  get(channel: number): Uint8Array {
    const take = (): Uint8Array | undefined => {
      const q = this.items.get(channel);
      if (!q || q.length === 0) return undefined;
      const b = q.shift()!;
      if (q.length === 0) this.items.delete(channel);
      return b;
    };
    this.drain();
    let b = take();
    if (b !== undefined) return b;
    this.post({ t: "get", from: this.index, channel }, []);
    for (;;) {
      this.sleep();
      if ((b = take()) !== undefined) return b;
      if (this.runs.length > 0) this.runPending(() => (this.items.has(channel) ? null : "help"));
    }
  }

  /** The scheduler's counters (waits for its answer). */
  statistics(): PoolStatistics {
    this.stats = null;
    this.post({ t: "stats", from: this.index }, []);
    while (this.stats === null) this.sleep();
    return this.stats;
  }

  /**
   * A worker's life: run what the scheduler gives, say when idle. Never settles. An idle worker
   * first sleeps briefly (the fast wake-up when tasks come one after another), then waits
   * asynchronously, and a busy one yields now and then: so the thread's event loop turns (its
   * finalizers drop untouched futures; WeakRefs kept by a task are let go).
   */
  async serve(): Promise<never> {
    // A pending Atomics.waitAsync holds no handle: this keeps the thread from ending while idle.
    setInterval(() => {}, 1 << 30);
    this.post({ t: "idle", from: this.index }, []);
    let yielded = Date.now();
    for (;;) {
      while (this.runs.length === 0) {
        const seen = Atomics.load(this.wake, this.index);
        if (this.drain()) continue;
        if (Atomics.wait(this.wake, this.index, seen, IDLE_SPIN_MS) !== "timed-out") { this.drain(); continue; }
        if (waitAsync) {
          const w = waitAsync(this.wake, this.index, seen);
          if (w.async) await w.value;
        } else {
          await new Promise((resolve) => setTimeout(resolve, IDLE_SPIN_MS));
        }
        yielded = Date.now();
        this.drain();
      }
      this.runPending(() => "idle");
      if (Date.now() - yielded > YIELD_EVERY_MS) {
        await turn();
        yielded = Date.now();
      }
    }
  }

  /** Run the tasks given; the last one's "done" carries `next()` (see protocol.ts). */
  private runPending(next: () => Next): void {
    while (this.runs.length > 0) {
      const task = this.runs.shift()!;
      const out = this.runner!(task.bytes);
      const transfer = out.value !== null ? [out.value.buffer as ArrayBuffer] : [];
      this.drain();
      const last = this.runs.length === 0;
      this.post({ t: "done", from: this.index, id: task.id, value: out.value, failure: out.failure, next: last ? next() : null }, transfer);
    }
  }

  /** Take every message that has arrived. */
  private drain(): boolean {
    let any = false;
    for (let msg = this.receive(); msg !== undefined; msg = this.receive()) {
      any = true;
      switch (msg.t) {
        case "result":
          if (this.dropped.delete(msg.id)) break;
          this.results.set(msg.id, { value: msg.value, failure: msg.failure });
          break;
        case "item": {
          const q = this.items.get(msg.channel);
          if (q) q.push(msg.bytes); else this.items.set(msg.channel, [msg.bytes]);
          break;
        }
        case "run": this.runs.push({ id: msg.id, bytes: msg.bytes }); break;
        case "stats": this.stats = msg.stats; break;
        case "declare": this.handlers.declare?.(msg.text); break;
        case "output": this.handlers.output?.(msg.fd, msg.text); break;
      }
    }
    return any;
  }

  /** Wait until a message arrives (or the poll interval passes), then take what came. */
  private sleep(): void {
    const seen = Atomics.load(this.wake, this.index);
    if (this.drain()) return;
    if (this.interruptFlag !== null) {
      const f = Atomics.load(this.interruptFlag, 0);
      if (f !== 0) throw new Interrupted(f === INTERRUPT_USER ? "interrupt" : "abort");
    }
    Atomics.wait(this.wake, this.index, seen, POLL_MS);
    this.drain();
  }
}

/** The owner's output relay: workers' output written after what this thread wrote before. */
export function ownerOutput(rt: Runtime): { output(fd: number, text: string): void } {
  return {
    output: (fd, text) => {
      rt.ports.flush();
      if (fd === 1) rt.host.stdout(text); else rt.host.stderr(text);
    },
  };
}

/** A pool of `size` workers as the runtime sees it, through the owner's participant (Node and browser alike). */
export function ownerBackend(owner: Participant, size: number): ParallelBackend {
  return {
    size,
    newId: () => owner.newId(),
    spawn: (bytes) => owner.spawn(bytes),
    wait: (id) => owner.wait(id),
    forget: (id) => owner.forget(id),
    declare: (text) => owner.declare(text),
    held: () => owner.held,
    put: (ch, bytes) => owner.put(ch, bytes),
    get: (ch) => owner.get(ch),
    statistics: () => owner.statistics(),
  };
}

/**
 * What the workers' runtimes need to be made like `rt`; `platform`: what differs between the
 * pool on Node (node.ts) and in a browser (web.ts).
 */
export function workerRuntimeSetup(rt: Runtime, declared: string[],
  platform: Pick<WorkerRuntimeSetup, "nodeJs" | "cache" | "relayOutput">): WorkerRuntimeSetup {
  return {
    jit: rt.options.jit ?? null,
    searchPath: rt.libraries.searchPath(),
    programFile: rt.libraries.programFile,
    commandLine: rt.host.commandLine(),
    precompiled: rt.options.precompiled !== null,
    declared,
    ...platform,
  };
}
