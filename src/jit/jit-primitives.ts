// The (kiln jit) procedures: read and change the JIT's settings from Scheme, and read its
// statistics.

import { Value, Pair, NIL, UNSPECIFIED, MString, intern, flo } from "../runtime/values.js";
import { Closure, Code } from "../bytecode/code.js";
import { Op } from "../bytecode/opcodes.js";
import { disassemble } from "../bytecode/disassembler.js";
import { describeFeedback } from "./feedback.js";
import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import type { Runtime } from "../api/runtime.js";

export function jitPrimitives(rt: Runtime): PrimSpec[] {
  const sync = (): void => { rt.vm.jitThreshold = rt.jit.threshold; };
  return [
    prim("jit-enabled?", 0, 0, () => rt.jit.options.enabled),
    prim("jit-enable!", 0, 1, (on: Value) => { rt.jit.options.enabled = on !== false; sync(); return UNSPECIFIED; }),
    prim("jit-threshold", 0, 0, () => rt.jit.options.threshold),
    // The Wasm tier (src/wasm/tier.ts): (wasm-enable! #f) off, (wasm-enable! 'all) every eligible procedure.
    prim("wasm-enabled?", 0, 0, () => rt.jit.wasm.mode !== "off"),
    prim("wasm-enable!", 0, 1, (on: Value) => {
      rt.jit.wasm.mode = on === false ? "off" : on === intern("all") ? "all" : "on";
      return UNSPECIFIED;
    }),
    // (wasm-simd-enable! #f): modules compiled from now on run element-wise loops one element at a time.
    prim("wasm-simd-enable!", 0, 1, (on: Value) => { rt.jit.wasm.simd = on !== false; return UNSPECIFIED; }),
    prim("set-jit-threshold!", 1, 1, (n: Value) => {
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0) typeError("set-jit-threshold!", "an exact nonnegative integer", n);
      rt.jit.options.threshold = n; sync(); return UNSPECIFIED;
    }),
    // (jit-disassemble proc [js?]): the bytecode of a procedure (and the procedures inside it)
    // with the type feedback the interpreter recorded so far, and with js? its generated code.
    prim("jit-disassemble", 1, 2, (p: Value, js: Value) => {
      if (!(p instanceof Closure)) typeError("jit-disassemble", "a Scheme procedure", p);
      const jsOf = js !== undefined && js !== false ? (c: Code) => rt.jit.sourceOf(c) : undefined;
      const lines = disassemble(p.code, [], new Set(), jsOf, (c, pc) => describeFeedback(c.code[pc] as Op, c.feedback[pc]));
      return new MString(lines.join("\n"));
    }),
    prim("jit-statistics", 0, 0, () => {
      const s = rt.jit.stats, w = rt.jit.wasm.stats;
      const entries: [string, Value][] = [
        ["compiled", s.compiled], ["failed", s.failed], ["compile-ms", flo(s.compileMs)],
        ["deopts", s.deopts], ["reifications", s.reifications], ["resume-entries", s.resumes], ["js-chars", s.jsChars], ["inlined", s.inlined],
        // Identical procedures sharing one Code (src/cache/share.ts): compilations they saved.
        ["shared-code", rt.codeSharing.shared], ["compilations-saved", rt.codeSharing.savedCompilations()],
        ["wasm-compiled", w.compiled], ["wasm-kept-in-js", w.refused], ["wasm-deopts", w.deopts],
        ["wasm-compile-ms", flo(w.compileMs)], ["wasm-bytes", w.bytes],
        // call/cc in native code (lazy-capture.ts): captures with no reification, escapes to
        // them, and the ones made real because frames were reified while their receiver ran.
        ["lazy-captures", rt.jit.native.lazy.captures], ["lazy-escapes", rt.jit.native.lazy.escapes],
        ["lazy-materialized", rt.jit.native.lazy.materialized],
      ];
      let r: Value = NIL;
      for (let i = entries.length - 1; i >= 0; i--) r = new Pair(new Pair(intern(entries[i][0]), entries[i][1]), r);
      return r;
    }),
  ];
}
