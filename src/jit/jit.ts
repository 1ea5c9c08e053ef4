// The JIT controller: decides when a Code object is hot, compiles it to a JavaScript function
// (codegen-js.ts) with `new Function`, installs it as the Code's native entry, keeps the
// statistics `(kiln jit)` reports, and logs under --jit-debug.

import { Code } from "../bytecode/code.js";
import { Cell } from "../expander/environment.js";
import { generateSource } from "./codegen-js.js";
import { NativeRuntime } from "./native-runtime.js";
import { Reify } from "./signals.js";

export interface JitOptions {
  enabled: boolean;
  /** Calls (and self tail calls) before a procedure is compiled; 0 compiles before the first run. */
  threshold: number;
  debug: boolean;
}

export interface JitStats {
  compiled: number;
  failed: number;
  compileMs: number;
  deopts: number;
  reifications: number;
  jsChars: number;
}

export class Jit {
  readonly native: NativeRuntime;
  readonly stats: JitStats = { compiled: 0, failed: 0, compileMs: 0, deopts: 0, reifications: 0, jsChars: 0 };
  /** Compile times in ms, for the median the benchmarks report. */
  readonly compileTimes: number[] = [];
  private counter = 0;
  /** Identical procedures sharing one Code (src/cache/share.ts): reported with the statistics. */
  sharing: { shared: number; savedCompilations(): number } | null = null;

  constructor(
    readonly options: JitOptions,
    private readonly onRedefined: (cell: Cell) => void,
    private readonly log: (line: string) => void,
  ) {
    this.native = new NativeRuntime({
      maybeCompile: (code) => this.maybeCompile(code),
      redefined: (cell) => this.onRedefined(cell),
    });
  }

  /** The heat at which the interpreter should ask for compilation (Infinity when off). */
  get threshold(): number { return this.options.enabled ? this.options.threshold : Infinity; }

  maybeCompile(code: Code): boolean {
    if (code.jit !== null) return true;
    if (!this.options.enabled || code.noJit || code.heat < this.options.threshold) return false;
    return this.compile(code);
  }

  /** Compile now, whatever the heat. */
  compile(code: Code): boolean {
    if (code.jit !== null) return true;
    if (code.noJit) return false;
    const t0 = performance.now();
    const id = ++this.counter;
    let source = "";
    try {
      source = generateSource(code, id);
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      const factory = new Function("R", "K", "CODE", source);
      code.jit = factory(this.native, code.consts, code);
    } catch (e) {
      code.noJit = true;
      this.stats.failed++;
      this.log(`[jit] failed ${describe(code)}: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    const ms = performance.now() - t0;
    this.stats.compiled++;
    this.stats.compileMs += ms;
    this.stats.jsChars += source.length;
    this.compileTimes.push(ms);
    if (this.options.debug) {
      this.log(`[jit] compiled ${describe(code)}: bytecode ${code.code.length} words, JS ${source.length} chars, ${ms.toFixed(3)} ms`);
    }
    return true;
  }

  /** One line for the end of a run under --jit-debug. */
  summary(): string {
    const t = [...this.compileTimes].sort((x, y) => x - y);
    const median = t.length ? (t.length % 2 ? t[(t.length - 1) / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2) : 0;
    const s = this.stats;
    return `[jit] summary: ${s.compiled} compiled (${s.failed} failed), median compile ${median.toFixed(3)} ms, ` +
      `total ${s.compileMs.toFixed(1)} ms, ${s.deopts} deopts, ${s.reifications} reifications` +
      (this.sharing ? `, ${this.sharing.shared} identical procedures shared (${this.sharing.savedCompilations()} compilations saved)` : "");
  }

  /** The generated source for `code` (for the disassembler), without installing it. */
  sourceOf(code: Code): string { return generateSource(code, 0); }

  deoptimized(code: Code, reason: string): void {
    this.stats.deopts++;
    if (this.options.debug) this.log(`[jit] deopt ${describe(code)}: ${reason}`);
  }

  reified(r: Reify): void {
    this.stats.reifications++;
    if (this.options.debug) this.log(`[jit] reify ${r.frames.length} frame${r.frames.length === 1 ? "" : "s"}: ${r.reason}`);
  }
}

function describe(code: Code): string {
  const pos = code.pos ? ` (${code.pos.file}:${code.pos.line}:${code.pos.column})` : "";
  return `${code.name || "#<lambda>"}${pos}`;
}
