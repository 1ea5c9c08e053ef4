// The messages between a runtime worker and the thread that started it (runtime-worker.ts on
// the host side, inside.ts on the worker side). Plain data only: they are structured-cloned.

import type { MessagePort } from "node:worker_threads";
import type { WorkerLimits } from "./limits.js";

/**
 * Slots of the shared buffer (Int32 each). [0] is the interrupt flag of src/runtime/interrupts.ts
 * (the host sets it, the runtime polls it). [1] turns 1 when a chunk of standard input the
 * worker asked for is ready (stdin-relay.ts); the host also notifies it on an interrupt.
 */
export const SHARED_SLOTS = 2;
export const SLOT_INTERRUPT = 0;
export const SLOT_INPUT_READY = 1;

/** What the worker receives as `workerData`. */
export interface WorkerSetup<D> {
  readonly data: D;
  /** Index 0 holds the interrupt flag (runtime/interrupts.ts), set by the host thread. */
  readonly interruptBuffer: SharedArrayBuffer;
  readonly limits: Required<WorkerLimits>;
  /** Standard input relayed by the host (stdin-relay.ts), when the worker may read it. */
  readonly stdinPort: MessagePort | null;
}

export type HostToWorker =
  | { readonly kind: "request"; readonly id: number; readonly body: unknown };

export type WorkerToHost =
  | { readonly kind: "reply"; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: "reply"; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly kind: "event"; readonly body: unknown };
