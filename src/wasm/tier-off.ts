// The Wasm tier as the browser build has it (scripts/build-browser.mjs puts this file in place
// of tier.ts): always off, so the bundle carries no Wasm compiler. Vectors of SRFI 160 still
// work (with their own buffers where shared memory is unavailable). Same surface as tier.ts.

import type { Code } from "../bytecode/code.js";
import type { NativeRuntime } from "../jit/native-runtime.js";

export type WasmMode = "on" | "all" | "off";

export interface WasmStats { compiled: number; refused: number; deopts: number; compileMs: number; bytes: number }

// eslint-disable-next-line @typescript-eslint/ban-types
type Fn = Function;

export class WasmTier {
  readonly stats: WasmStats = { compiled: 0, refused: 0, deopts: 0, compileMs: 0, bytes: 0 };
  readonly compileTimes: number[] = [];
  listing: string[] | null = null;
  mode: WasmMode = "off";
  spentMs = 0;
  constructor(_mode: WasmMode, _native: NativeRuntime, _debug: () => boolean, _log: (line: string) => void) {}
  consider(_code: Code, jsFn: Fn): Fn { return jsFn; }
  summary(): string { return "[wasm] summary: not in this build"; }
}
