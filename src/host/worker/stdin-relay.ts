// Standard input for a runtime worker, read by the host thread on the worker's demand.
//
// Why not fs.readSync(0) in the worker: a thread blocked in read(2) polls nothing, so Ctrl-C
// could not stop a program waiting for input, and the process could not even exit (Node
// joins worker threads at exit, and a blocked read never returns). Instead the worker asks
// for a chunk over a MessagePort and sleeps in Atomics.wait on a shared slot; the host thread
// reads standard input asynchronously (process.stdin), posts the bytes and wakes the worker. An
// interrupt wakes it too (RuntimeWorker.interrupt notifies the slot), and the read ends
// with the interrupt. Reading starts only when the program first asks (the stream may read
// ahead up to its buffer size from then on).

import { MessagePort, receiveMessageOnPort } from "node:worker_threads";
import { SLOT_INPUT_READY, SLOT_INTERRUPT } from "./protocol.js";

interface ChunkRequest { readonly size: number }
interface Chunk { readonly bytes: Uint8Array | null }

/**
 * Host side: answer the worker's chunk requests from process.stdin, created on the first
 * request (so a program that never reads leaves standard input alone). A stream, not
 * fs.read: a read(2) pending in libuv's thread pool would keep the process from exiting.
 */
export function serveStdin(port: MessagePort, slots: Int32Array): void {
  let input: NodeJS.ReadStream | null = null;
  let ended = false;
  const deliver = (bytes: Uint8Array | null): void => {
    port.postMessage({ bytes } satisfies Chunk);
    Atomics.store(slots, SLOT_INPUT_READY, 1);
    Atomics.notify(slots, SLOT_INPUT_READY);
  };
  port.on("message", (req: ChunkRequest) => {
    if (input === null) {
      input = process.stdin;
      input.on("end", () => { ended = true; });
      input.on("error", () => { ended = true; input!.emit("readable"); });
    }
    const s = input;
    const attempt = (): boolean => {
      const n = Math.min(req.size, s.readableLength);
      // read(0) only starts reading, or lets the stream see its end ('end' follows).
      const chunk = n > 0 ? (s.read(n) as Buffer | null) : (s.read(0), null);
      if (chunk !== null) { deliver(chunk); return true; }
      if (ended || s.readableEnded) { deliver(null); return true; }
      return false;
    };
    if (attempt()) return;
    const onReadable = (): void => { if (attempt()) { s.off("readable", onReadable); s.off("end", onReadable); } };
    s.on("readable", onReadable);
    s.on("end", onReadable);
  });
  port.unref();
}

/**
 * Worker side: a blocking reader of standard input through the host. Returns the bytes read
 * into `buf` (0 at end of input); calls `interrupted()` (which throws) when the host sets the
 * interrupt flag while it waits.
 */
export function relayedStdin(port: MessagePort, slots: Int32Array, interrupted: () => never): (buf: Uint8Array) => number {
  return (buf) => {
    Atomics.store(slots, SLOT_INPUT_READY, 0);
    port.postMessage({ size: buf.length } satisfies ChunkRequest);
    for (;;) {
      if (Atomics.load(slots, SLOT_INTERRUPT) !== 0) interrupted();
      if (Atomics.load(slots, SLOT_INPUT_READY) !== 0) break;
      Atomics.wait(slots, SLOT_INPUT_READY, 0);
    }
    const m = receiveMessageOnPort(port)?.message as Chunk | undefined;
    if (!m || m.bytes === null) return 0;
    buf.set(m.bytes.subarray(0, buf.length));
    return Math.min(m.bytes.length, buf.length);
  };
}
