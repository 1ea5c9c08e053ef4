// One thread's side of the pool (Node: worker_threads): the owner's and each VM worker's.
// Sending is postMessage to the scheduler; receiving is synchronous (receiveMessageOnPort)
// after sleeping on this participant's slot of the wake buffer, so a Scheme program blocked in
// `touch` or `channel-get` waits without its event loop. While it waits, a worker runs the
// tasks the scheduler gives it (its own unstarted child first, then stolen work): that is what
// keeps nested futures (parallel fib, merge sort) from deadlocking when every worker waits.
// The owner only waits; an interrupt (Ctrl-C: the shared flag) ends its wait.

import { MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { Interrupted, INTERRUPT_USER } from "../runtime/interrupts.js";
import { MAX_PARTICIPANTS } from "./protocol.js";
import type { Failure, PoolStatistics, ToParticipant, ToScheduler } from "./protocol.js";

/** A task's outcome as it arrives: value bytes, or why there is none. */
export interface Outcome { readonly value: Uint8Array | null; readonly failure: Failure | null }

/** How often a waiting thread looks at the interrupt flag even when nothing wakes it (ms). */
const POLL_MS = 50;

export class Participant {
  private counter = 0;
  private readonly results = new Map<number, Outcome>();
  private readonly items = new Map<number, Uint8Array[]>();
  private readonly runs: { id: number; bytes: Uint8Array }[] = [];
  private stats: PoolStatistics | null = null;

  constructor(
    readonly index: number,
    private readonly port: MessagePort,
    private readonly post: (m: ToScheduler, transfer: ArrayBuffer[]) => void,
    private readonly wake: Int32Array,
    private readonly interruptFlag: Int32Array | null,
    /** Run a task and return its outcome (workers); null for the owner, which never runs tasks. */
    private readonly runner: ((bytes: Uint8Array) => Outcome) | null,
  ) {}

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

  /** The outcome of task `id` (spawned by this participant), running other tasks meanwhile on a worker. */
  wait(id: number): Outcome {
    const have = (): Outcome | undefined => {
      const r = this.results.get(id);
      if (r !== undefined) this.results.delete(id);
      return r;
    };
    let r = (this.drain(), have());
    if (r !== undefined) return r;
    if (this.runner !== null) this.post({ t: "touch", from: this.index, id }, []);
    for (;;) {
      this.sleep();
      if ((r = have()) !== undefined) return r;
      if (this.runner !== null && this.runs.length > 0) {
        // The last task's "done" asks for more work while waiting for `id` (one message, not two).
        this.runPending(id);
        if ((r = (this.drain(), have())) !== undefined) return r;
      }
    }
  }

  /** The next value on a channel (blocks; a worker does not run other tasks meanwhile). */
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
    }
  }

  /** The scheduler's counters (waits for its answer). */
  statistics(): PoolStatistics {
    this.stats = null;
    this.post({ t: "stats", from: this.index }, []);
    while (this.stats === null) this.sleep();
    return this.stats;
  }

  /** A worker's life: run what the scheduler gives, say when idle. Never returns. */
  serve(): never {
    this.post({ t: "idle", from: this.index }, []);
    for (;;) {
      while (this.runs.length === 0) this.sleep(false);
      this.runPending("idle");
    }
  }

  /** Run the tasks given; the last one's "done" carries `next` (see protocol.ts). */
  private runPending(next: "idle" | number): void {
    while (this.runs.length > 0) {
      const task = this.runs.shift()!;
      const out = this.runner!(task.bytes);
      const transfer = out.value !== null ? [out.value.buffer as ArrayBuffer] : [];
      this.drain();
      const last = this.runs.length === 0;
      this.post({ t: "done", from: this.index, id: task.id, value: out.value, failure: out.failure, next: last ? next : null }, transfer);
    }
  }

  /** Take every message that has arrived. */
  private drain(): boolean {
    let any = false;
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
      any = true;
      const msg = m.message as ToParticipant;
      switch (msg.t) {
        case "result": this.results.set(msg.id, { value: msg.value, failure: msg.failure }); break;
        case "item": {
          const q = this.items.get(msg.channel);
          if (q) q.push(msg.bytes); else this.items.set(msg.channel, [msg.bytes]);
          break;
        }
        case "run": this.runs.push({ id: msg.id, bytes: msg.bytes }); break;
        case "stats": this.stats = msg.stats; break;
      }
    }
    return any;
  }

  /** Wait until a message arrives (or the poll interval passes), then take what came. */
  private sleep(interruptible = true): void {
    const seen = Atomics.load(this.wake, this.index);
    if (this.drain()) return;
    if (interruptible && this.interruptFlag !== null) {
      const f = Atomics.load(this.interruptFlag, 0);
      if (f !== 0) throw new Interrupted(f === INTERRUPT_USER ? "interrupt" : "abort");
    }
    Atomics.wait(this.wake, this.index, seen, POLL_MS);
    this.drain();
  }
}
