// The scheduler thread of the pool: it starts the VM workers, keeps the task queues and routes
// every message. It never runs Scheme, so it always answers at once, whatever the owner and the
// workers are doing. The platform is behind `SchedulerHost`: a worker thread on Node
// (scheduler-node.ts), a Web Worker in a browser (web-threads.ts).
//
// Work stealing: each worker has its own deque. A task a worker spawns goes to the bottom of that
// worker's deque; the owner's tasks go to the shortest deque. A worker that asks for work (idle,
// or waiting in `touch`) takes the bottom of its own deque when that is its own newest child
// (else the oldest task there: the owner's, in the order the owner made them), else steals the
// top (the oldest task) of the longest deque. A worker that touches a task nobody has started runs
// it itself; if the task is running elsewhere, the worker is given other work meanwhile, and so is
// a worker waiting in channel-get. So a waiting worker always helps, and divide-and-conquer
// programs whose workers all wait on their children (or on channels that queued tasks fill)
// cannot deadlock: the tasks they wait for are queued, and every waiting worker takes them.
//
// Failures: when a worker thread ends (exit in a task, out of memory, a crash), every task it was
// running is failed with a condition saying so, its queued tasks move to the other workers, and a
// new worker takes its place. Tasks spawned by the dead worker are dropped (nobody can touch them).

import { OWNER } from "./protocol.js";
import type { Failure, PoolStatistics, SchedulerSetup, ToParticipant, ToScheduler, VmWorkerData } from "./protocol.js";

/** Why a worker thread ended (Node: runtime-worker.ts's outcome; a browser: exit or error). */
export type WorkerEnd =
  | { readonly kind: "exit"; readonly code: number }
  | { readonly kind: "out-of-memory"; readonly heapMb: number }
  | { readonly kind: "crash"; readonly error: { readonly message: string } };

/** A VM worker thread, as the scheduler sees it. */
export interface PoolThread {
  /** Deliver a message (the scheduler then wakes the worker). */
  send(m: ToParticipant, transfer: ArrayBuffer[]): void;
  /** It has ended (messages to it are dropped). */
  readonly done: boolean;
  terminate(): Promise<void>;
}

/** What the scheduler needs from the platform that runs it (scheduler-node.ts, web-threads.ts). */
export interface SchedulerHost {
  readonly setup: SchedulerSetup;
  /** Deliver a message to the owner (the scheduler then wakes it). */
  toOwner(m: ToParticipant, transfer: ArrayBuffer[]): void;
  /** Call `receive` with every message the owner sends. */
  onOwner(receive: (m: ToScheduler) => void): void;
  /**
   * Start VM worker `data.index` (generation `gen`: a replacement has a higher one); `receive`
   * gets its messages, `ended` is called once when it ends by itself.
   */
  startWorker(data: VmWorkerData, gen: number, receive: (m: ToScheduler) => void, ended: (why: WorkerEnd) => void): PoolThread;
  /** End the scheduler's thread (the workers were terminated). */
  exit(): void;
}

interface Task {
  readonly id: number;
  readonly owner: number;
  /** The generation of the owning worker (a replaced worker's results go nowhere). */
  readonly ownerGen: number;
  readonly bytes: Uint8Array;
  runner: number;
  /** Its future was dropped untouched while it ran: its value is not sent. */
  cancelled: boolean;
}

interface Slot {
  rw: PoolThread;
  gen: number;
  readonly queue: Task[];
  running: Task[];
  /** Asked for work (idle or waiting in touch) and not given any since. */
  available: boolean;
  /** The task this worker waits for in touch, or -1. */
  waitingFor: number;
  /** Started successfully at least once (a worker that fails to start is not replaced forever). */
  started: boolean;
  failedStarts: number;
}

const MAX_FAILED_STARTS = 3;

/** Be the scheduler: start the workers, then route messages until the owner shuts the pool down. */
export function runScheduler(host: SchedulerHost): void {
  const { setup } = host;
  const wake = new Int32Array(setup.wake);
  const tasks = new Map<number, Task>();
  const slots: Slot[] = [];  // index 1..N (0 unused: the owner)
  const items = new Map<number, Uint8Array[]>();
  const getters = new Map<number, number[]>();
  let stopping = false;
  /** Libraries the owner declared by evaluated text, in order: every new worker declares them too. */
  const declared: string[] = [...setup.runtime.declared];
  const stats: PoolStatistics = { workers: setup.workers, tasks: 0, stolen: 0, "run-by-toucher": 0, helped: 0, replaced: 0 };
  let broken: string | null = null;

  function notify(who: number): void {
    Atomics.add(wake, who, 1);
    Atomics.notify(wake, who);
  }

  function send(who: number, m: ToParticipant, transfer: ArrayBuffer[] = []): void {
    if (who === OWNER) host.toOwner(m, transfer);
    else {
      const s = slots[who];
      if (!s || s.rw.done) return;
      s.rw.send(m, transfer);
    }
    notify(who);
  }

  function startWorker(index: number, gen: number): PoolThread {
    const rw = host.startWorker({ index, workers: setup.workers, runtime: setup.runtime, wake: setup.wake }, gen,
      (m) => receive(m), (why) => died(index, gen, why));
    for (const text of declared) rw.send({ t: "declare", text }, []);
    return rw;
  }

  function live(): Slot[] { return slots.filter((s) => s !== undefined); }

  function deliver(task: Task, value: Uint8Array | null, failure: Failure | null): void {
    const transfer = value !== null ? [value.buffer as ArrayBuffer] : [];
    if (task.owner !== OWNER) {
      const s = slots[task.owner];
      if (!s || s.gen !== task.ownerGen) return;
      if (s.waitingFor === task.id) { s.waitingFor = -1; s.available = false; }
    }
    send(task.owner, { t: "result", id: task.id, value, failure }, transfer);
  }

  function run(index: number, task: Task): void {
    const s = slots[index];
    task.runner = index;
    s.running.push(task);
    s.available = false;
    send(index, { t: "run", id: task.id, bytes: task.bytes }, [task.bytes.buffer as ArrayBuffer]);
  }

  /** Give queued tasks to the workers that asked for work: own deque's bottom first, else steal. */
  function dispatch(): void {
    for (let i = 1; i < slots.length; i++) {
      const s = slots[i];
      if (!s || !s.available || s.rw.done) continue;
      // Its own newest child first (the bottom); tasks the owner queued here, oldest first (the
      // owner touches them in the order it made them).
      const bottom = s.queue[s.queue.length - 1];
      let task = bottom !== undefined && bottom.owner === i ? s.queue.pop() : s.queue.shift();
      if (task === undefined) {
        let victim: Slot | null = null;
        for (const o of live()) if (o.queue.length > 0 && (victim === null || o.queue.length > victim.queue.length)) victim = o;
        task = victim?.queue.shift();
        if (task !== undefined && task.owner !== OWNER) stats.stolen++;
      }
      if (task === undefined) return;  // nothing queued anywhere
      if (s.waitingFor !== -1) stats.helped++;
      run(i, task);
    }
  }

  function enqueue(task: Task, preferred: number): void {
    let s = preferred !== OWNER ? slots[preferred] : undefined;
    if (!s || s.rw.done) {
      for (const o of live()) if (!o.rw.done && (s === undefined || o.queue.length < s.queue.length)) s = o;
    }
    if (s === undefined) { deliver(task, null, { kind: "lost", text: broken ?? "the worker pool has no workers" }); return; }
    s.queue.push(task);
  }

  /** Take an unstarted task out of whichever deque holds it. */
  function unqueue(task: Task): void {
    for (const o of live()) {
      const at = o.queue.indexOf(task);
      if (at >= 0) { o.queue.splice(at, 1); return; }
    }
  }

  function receive(m: ToScheduler): void {
    if (stopping) return;
    switch (m.t) {
      case "spawn": {
        const gen = m.from === OWNER ? 0 : slots[m.from]?.gen ?? 0;
        const task: Task = { id: m.id, owner: m.from, ownerGen: gen, bytes: m.bytes, runner: -1, cancelled: false };
        if (broken !== null) { deliver(task, null, { kind: "lost", text: broken }); return; }
        tasks.set(task.id, task);
        stats.tasks++;
        enqueue(task, m.from);
        dispatch();
        return;
      }
      case "touch": {
        const s = slots[m.from];
        if (!s) return;
        s.started = true;
        const task = tasks.get(m.id);
        if (task !== undefined && task.runner === -1) {
          unqueue(task);
          s.waitingFor = -1;
          stats["run-by-toucher"]++;
          run(m.from, task);
          return;
        }
        if (task === undefined) return;  // already done: its result is on the way
        s.waitingFor = m.id;
        s.available = true;
        dispatch();
        return;
      }
      case "idle": {
        const s = slots[m.from];
        if (!s) return;
        s.started = true;
        s.failedStarts = 0;
        s.available = true;
        s.waitingFor = -1;
        dispatch();
        return;
      }
      case "cancel": {
        // The result always arrives once (the participant throws it away); a queued task is not run.
        const task = tasks.get(m.id);
        if (task === undefined) return;
        if (task.runner !== -1) { task.cancelled = true; return; }
        unqueue(task);
        tasks.delete(task.id);
        deliver(task, null, { kind: "lost", text: "cancelled" });
        return;
      }
      case "declare":
        declared.push(m.text);
        for (const s of live()) if (!s.rw.done) { s.rw.send({ t: "declare", text: m.text }, []); notify(slots.indexOf(s)); }
        return;
      case "output": send(OWNER, m); return;
      case "done": {
        const task = tasks.get(m.id);
        if (task !== undefined) {
          tasks.delete(m.id);
          const s = slots[m.from];
          if (s) s.running = s.running.filter((t) => t !== task);
          if (task.cancelled) deliver(task, null, { kind: "lost", text: "cancelled" });
          else deliver(task, m.value, m.failure);
        }
        if (m.next === "idle") receive({ t: "idle", from: m.from });
        else if (m.next === "help") {
          const s = slots[m.from];
          if (s) { s.available = true; dispatch(); }
        }
        else if (m.next !== null) receive({ t: "touch", from: m.from, id: m.next });
        return;
      }
      case "put": {
        const waiting = getters.get(m.channel);
        if (waiting && waiting.length > 0) {
          const who = waiting.shift()!;
          // It stops waiting (an outer wait of its own says "help" again when it ends).
          const s = who !== OWNER ? slots[who] : undefined;
          if (s) s.available = false;
          send(who, { t: "item", channel: m.channel, bytes: m.bytes }, [m.bytes.buffer as ArrayBuffer]);
          return;
        }
        const q = items.get(m.channel);
        if (q) q.push(m.bytes); else items.set(m.channel, [m.bytes]);
        return;
      }
      case "get": {
        const q = items.get(m.channel);
        if (q && q.length > 0) {
          const bytes = q.shift()!;
          send(m.from, { t: "item", channel: m.channel, bytes }, [bytes.buffer as ArrayBuffer]);
          return;
        }
        const g = getters.get(m.channel);
        if (g) g.push(m.from); else getters.set(m.channel, [m.from]);
        // A worker waiting on a channel runs other tasks meanwhile: the one that fills the
        // channel may be queued behind it (every worker waiting would otherwise deadlock).
        const s = m.from !== OWNER ? slots[m.from] : undefined;
        if (s) { s.available = true; dispatch(); }
        return;
      }
      case "stats": send(m.from, { t: "stats", stats: { ...stats } }); return;
      case "shutdown": void shutdown(); return;
    }
  }

  function deathText(outcome: WorkerEnd): string {
    switch (outcome.kind) {
      case "exit": return `the worker running this task ended (exit status ${outcome.code})`;
      case "out-of-memory": return `the worker running this task ran out of memory (its heap limit is ${outcome.heapMb} MB)`;
      case "crash": return `the worker running this task failed: ${outcome.error.message}`;
    }
  }

  function died(index: number, gen: number, outcome: WorkerEnd): void {
    const s = slots[index];
    if (stopping || !s || s.gen !== gen) return;
    const text = deathText(outcome);
    for (const task of s.running) { tasks.delete(task.id); deliver(task, null, { kind: "lost", text }); }
    s.running = [];
    for (const [ch, g] of getters) getters.set(ch, g.filter((w) => w !== index));
    const orphans = s.queue.splice(0);
    if (!s.started) s.failedStarts++;
    if (s.failedStarts >= MAX_FAILED_STARTS) {
      // A worker that cannot even start (a library of the program fails to load there) is not retried.
      broken = `the pool's workers cannot start: ${text.replace("the worker running this task ", "")}`;
    } else {
      stats.replaced++;
      s.rw = startWorker(index, s.gen + 1);
      s.gen += 1;
      s.available = false;
      s.waitingFor = -1;
    }
    for (const task of orphans) {
      if (task.owner === index) { tasks.delete(task.id); continue; }
      if (broken !== null) { tasks.delete(task.id); deliver(task, null, { kind: "lost", text: broken }); continue; }
      enqueue(task, OWNER);
    }
    dispatch();
  }

  async function shutdown(): Promise<void> {
    stopping = true;
    await Promise.all(live().map((s) => s.rw.terminate()));
    host.exit();
  }

  for (let i = 1; i <= setup.workers; i++) {
    slots[i] = {
      rw: startWorker(i, 0), gen: 0, queue: [], running: [], available: false, waitingFor: -1, started: false, failedStarts: 0,
    };
  }
  host.onOwner((m) => receive(m));
}
