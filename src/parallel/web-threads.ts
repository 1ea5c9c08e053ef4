// The threads of the browser pool (web.ts), inside the browser build's worker script
// (kiln-worker.js, src/host/browser-worker.ts), which becomes one when its first message says
// so: the scheduler (scheduler.ts's runScheduler, its VM workers being Web Workers of the same
// script) or a VM worker (serve-tasks.ts, on a runtime of the browser host with the owner's
// in-memory files). Messages to the scheduler are postMessage; messages from it go to each
// participant's mailbox in shared memory (mailbox.ts), then its wake slot is bumped.

import { Runtime } from "../api/runtime.js";
import { browserHost } from "../host/browser.js";
import { runScheduler, PoolThread } from "./scheduler.js";
import { serveTasks } from "./serve-tasks.js";
import { MailboxReader, MailboxWriter, newMailbox } from "./mailbox.js";
import type { ToParticipant, ToScheduler } from "./protocol.js";
import type { PoolRoleMessage, WebToScheduler, WebWorkerConstructor } from "./web.js";

/** The parts of a dedicated worker's global scope used here (typed without the DOM library). */
export interface PoolScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** Whether a worker script's message makes it a thread of the pool. */
export function isPoolRoleMessage(m: unknown): m is PoolRoleMessage {
  return typeof m === "object" && m !== null && (m as { type?: unknown }).type === "kiln-pool";
}

/** Become the thread `m` says, for the rest of this worker's life. */
export function servePoolThread(m: PoolRoleMessage, scope: PoolScope): void {
  if (m.role === "standby") {
    // Running: the owner may start the pool (its next "kiln-pool" message makes this the scheduler).
    Atomics.store(new Int32Array(m.alive), 0, 1);
    scope.postMessage({ t: "alive" });
  } else if (m.role === "scheduler") serveScheduler(m, scope);
  else serveWorker(m, scope);
}

/** Thrown after a VM worker closed itself (`exit` in a task): ends what was running. */
class WorkerClosed extends Error {}

function serveScheduler(m: Extract<PoolRoleMessage, { role: "scheduler" }>, scope: PoolScope): void {
  const { setup, script, files } = m;
  const mailboxes = [...m.mailboxes];
  const wake = new Int32Array(setup.wake);
  const writers = mailboxes.map((sab) => new MailboxWriter(sab));
  const interruptBuffer = setup.interruptBuffer ?? new SharedArrayBuffer(4);
  const Worker = (globalThis as unknown as { Worker: WebWorkerConstructor }).Worker;
  /** A participant made room in its mailbox: write more of what waits, and wake it. */
  const room = (who: number): void => {
    if (writers[who]?.pump()) { Atomics.add(wake, who, 1); Atomics.notify(wake, who); }
  };
  runScheduler({
    setup,
    toOwner: (msg) => writers[0].send(msg),
    onOwner(receive) {
      scope.onmessage = ({ data }) => {
        const msg = data as WebToScheduler;
        if (msg.t === "room") room(msg.from);
        else if (msg.t !== "exit") receive(msg);
      };
    },
    startWorker(data, gen, receive, ended): PoolThread {
      const i = data.index;
      // A replacement gets a mailbox of its own: what was queued for the dead worker goes nowhere,
      // and the dead worker, should it still run a moment, reads nothing meant for the new one.
      if (gen > 0) {
        mailboxes[i] = newMailbox();
        writers[i] = new MailboxWriter(mailboxes[i]);
      }
      const writer = writers[i];
      const worker = new Worker(script, { name: `kiln-pool-${i}-${gen}` });
      let done = false;
      const end = (why: Parameters<typeof ended>[0]): void => {
        if (done) return;
        done = true;
        worker.terminate();
        ended(why);
      };
      worker.onmessage = ({ data: body }) => {
        const msg = body as WebToScheduler;
        if (done) return;
        if (msg.t === "room") room(i);
        else if (msg.t === "exit") end({ kind: "exit", code: msg.code });
        else receive(msg as ToScheduler);
      };
      worker.onerror = (ev) => {
        ev.preventDefault?.();
        end({ kind: "crash", error: { message: ev.message ?? "the worker failed" } });
      };
      worker.postMessage({ type: "kiln-pool", role: "worker", data, mailbox: mailboxes[i], interruptBuffer, files } satisfies PoolRoleMessage);
      return {
        send: (msg) => writer.send(msg),
        get done() { return done; },
        terminate: async () => { done = true; worker.terminate(); },
      };
    },
    exit: () => scope.close(),
  });
}

function serveWorker(m: Extract<PoolRoleMessage, { role: "worker" }>, scope: PoolScope): void {
  const { data, mailbox, interruptBuffer, files } = m;
  const setup = data.runtime;
  const post = (msg: WebToScheduler, transfer: ArrayBuffer[] = []): void => scope.postMessage(msg, transfer);
  const reader = new MailboxReader(mailbox, () => post({ t: "room", from: data.index }));
  const host = browserHost({
    files,
    commandLine: setup.commandLine,
    // Written by the owner, through its ports (protocol.ts: "output").
    stdout: (text) => post({ t: "output", fd: 1, text }),
    stderr: (text) => post({ t: "output", fd: 2, text }),
  });
  scope.onmessage = null;
  serveTasks({
    index: data.index, workers: data.workers, wake: data.wake, interruptBuffer,
    receive: () => reader.receive() as ToParticipant | undefined,
    post,
    makeRuntime(backend) {
      const rt = new Runtime(host, {
        jit: setup.jit ?? undefined,
        libraryPath: { prepend: setup.searchPath },
        interruptBuffer,
        parallel: { backend },
        precompiled: setup.precompiled ? undefined : null,
      });
      rt.ports.setStandardOutput(host.stdout, host.stderr);
      return rt;
    },
    programText: (rt) => setup.programFile === null ? null : { file: setup.programFile, text: rt.host.readFile?.(setup.programFile) ?? null },
    flush: (rt) => rt.ports.flush(),
    exit(code) {
      post({ t: "exit", code });
      scope.close();
      throw new WorkerClosed(`exit ${code}`);
    },
  });
}
