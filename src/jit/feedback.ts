// Type feedback: what the interpreter saw at each site, for the JIT to specialize on (V8 keeps
// the same idea in its feedback vectors). One byte per instruction word, `Code.feedback[pc]`,
// written only on the interpreter's slow paths so the fast paths pay nothing:
//
//   arithmetic and comparisons (ADD SUB MUL NUMEQ LT LE GT GE ZEROP): the representations of
//     the operands that took the slow path. The interpreter's fast path handles two fixnums
//     whose result is a fixnum, so a site whose byte is still 0 has seen only fixnums (or has
//     never run): the JIT speculates int32 there, with a guard.
//   FB_DEOPT: a guard failed here in native code; the site is compiled generic from then on
//     (no deoptimization loops).
//   FB_UNBOX_FAILED: an unboxed-flonum guard (unbox.ts) failed here; the site's values stay
//     tagged from then on. A site deoptimizes at most twice (int32, then flonum speculation).
//
// Calls need no recorded feedback: a call to a global procedure is specialized on the value
// its cell holds when the caller is compiled, guarded by comparing with that value.

import { Value, Flonum } from "../runtime/values.js";
import { Ratnum } from "../runtime/numbers.js";
import { Op } from "../bytecode/opcodes.js";

export const FB_FIXNUM = 1;
export const FB_FLONUM = 2;
export const FB_BIGNUM = 4;
export const FB_RATNUM = 8;
export const FB_OTHER = 16;
export const FB_DEOPT = 64;
/** An unboxed-flonum guard failed here (unbox.ts): the site keeps its values tagged from then on. */
export const FB_UNBOX_FAILED = 128;

/** The representation bit of one value at an arithmetic site. */
export function repBits(v: Value): number {
  if (typeof v === "number") return Number.isInteger(v) ? FB_FIXNUM : FB_FLONUM;
  if (v instanceof Flonum) return FB_FLONUM;
  if (typeof v === "bigint") return FB_BIGNUM;
  if (v instanceof Ratnum) return FB_RATNUM;
  return FB_OTHER;
}

/** Ops whose feedback byte holds operand representations. */
export const ARITH_OPS: ReadonlySet<Op> = new Set([Op.ADD, Op.SUB, Op.MUL, Op.NUMEQ, Op.LT, Op.LE, Op.GT, Op.GE, Op.ZEROP]);

/** How the JIT compiles an arithmetic site with this feedback. */
export type ArithPlan = "int32" | "number" | "generic";

export function arithPlan(fb: number): ArithPlan {
  if (fb & FB_DEOPT) return "generic";
  if (fb === 0) return "int32";
  if ((fb & ~(FB_FIXNUM | FB_FLONUM)) === 0) return "number";
  return "generic";
}

/** The feedback of one site, for the disassembler; "" when there is nothing to say. */
export function describeFeedback(op: Op, fb: number): string {
  if (!ARITH_OPS.has(op)) return "";
  const seen: string[] = [];
  if (fb & FB_FIXNUM) seen.push("fixnum");
  if (fb & FB_FLONUM) seen.push("flonum");
  if (fb & FB_BIGNUM) seen.push("bignum");
  if (fb & FB_RATNUM) seen.push("ratnum");
  if (fb & FB_OTHER) seen.push("other");
  const slow = seen.length ? `slow path saw ${seen.join(", ")}` : "fixnums only (or not run)";
  const unboxed = unboxKind(fb) === 2 ? ", unboxed doubles" : unboxKind(fb) === 1 ? ", unboxed with an inexact operand" : "";
  return `feedback: ${slow}${fb & FB_DEOPT ? ", deoptimized" : ""}${fb & FB_UNBOX_FAILED ? ", unboxing failed" : ""} -> ${arithPlan(fb)}${unboxed}`;
}

/**
 * Whether an arithmetic site may compute on unboxed doubles (unbox.ts): 2 when its slow path
 * saw only flonums (a tagged operand is checked to be inexact), 1 when it saw fixnums and
 * flonums (only with an operand known to be inexact), 0 never.
 */
export function unboxKind(fb: number): 0 | 1 | 2 {
  if (fb & FB_UNBOX_FAILED) return 0;
  const seen = fb & ~FB_DEOPT;
  if (seen === FB_FLONUM) return 2;
  if (seen === (FB_FLONUM | FB_FIXNUM)) return 1;
  return 0;
}
