// The messages between a runtime worker and the thread that started it (runtime-worker.ts on
// the host side, inside.ts on the worker side). Plain data only: they are structured-cloned.

import type { WorkerLimits } from "./limits.js";

/**
 * Slots of the shared buffer (Int32 each). [0] is the interrupt flag of src/runtime/interrupts.ts
 * (the host sets it, the runtime polls it). [1] is 1 while the worker is blocked reading
 * standard input: it cannot poll then, so on Ctrl-C the host ends the process itself.
 */
export const SHARED_SLOTS = 2;
export const SLOT_INTERRUPT = 0;
export const SLOT_WAITING_FOR_INPUT = 1;

/** What the worker receives as `workerData`. */
export interface WorkerSetup<D> {
  readonly data: D;
  /** Index 0 holds the interrupt flag (runtime/interrupts.ts), set by the host thread. */
  readonly interruptBuffer: SharedArrayBuffer;
  readonly limits: Required<WorkerLimits>;
}

export type HostToWorker =
  | { readonly kind: "request"; readonly id: number; readonly body: unknown };

export type WorkerToHost =
  | { readonly kind: "reply"; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: "reply"; readonly id: number; readonly ok: false; readonly error: string }
  | { readonly kind: "event"; readonly body: unknown };
