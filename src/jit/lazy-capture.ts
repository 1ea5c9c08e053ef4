// Escape-first capture: call/cc from native code without reifying (docs/jit.md, "Continuations
// from native code").
//
// When native code calls call/cc, the frames of its continuation are intact on the JS stack
// while the receiver runs. If the continuation cannot outlive that extent (nothing stores it:
// see `staysLocal`), it needs no frames of its own: it is a token for "return to the capture
// point", and invoking it is an escape, a signal (`Escape`) returned up the native frames to
// the owner of the token (NativeRuntime.captureLazily), which continues with the value. This
// is the one-shot, escape-only case of Bruggeman, Waddell & Dybvig, "Representing control in
// the presence of one-shot continuations" (PLDI 1996): an escape needs no copy of the stack.
// Whenever the frames must become real after all (a Reify passes the owner: an interpreted
// callee, the depth budget, an error), the token is made a real `Cont` on the interpreter's
// stack (Interpreter.materialize): the segment is split at the capture point as a call/cc in
// the interpreter would have split it (Hieb, Dybvig & Bruggeman 1990, "Representing control
// in the presence of first-class continuations"), and every continuation object sharing the
// token resolves to it from then on.
//
// A continuation that may be stored (a generator's `(set! resume k)`) is captured the usual
// way: the native frames are reified and the running segment frozen.

import { Closure, Code } from "../bytecode/code.js";
import { Op, OPCODES, instructionLength } from "../bytecode/opcodes.js";
import { jumpTargets, writesFirstRegister } from "../bytecode/flow.js";
import { Cell } from "../expander/environment.js";
import { Primitive, Value } from "../runtime/values.js";
import { Capture } from "../vm/requests.js";
import { Cont } from "../vm/frames.js";
import { Signal } from "./signals.js";

/** The capture point of a lazy continuation: `cont` of every ContinuationProc made for it. */
export class LazyCont {
  /** True while its owner (the native frame that called call/cc) waits for the receiver. */
  live = true;
  /** The real continuation, once the frames were reified while the owner waited. */
  real: Cont | null = null;
}

/** A lazy continuation invoked while its owner waits: unwinds native frames up to the owner. */
export class Escape extends Signal {
  constructor(readonly k: { readonly cont: unknown; readonly winders: Value; readonly handlers: Value }, readonly value: Value) { super(); }
}

/**
 * A lazy continuation whose owner a Reify passed (recorded by the owner, in the Reify): the
 * interpreter makes it real once the frames are on its stack. `callee` is the absolute index
 * (in the segment the frames went to) of the capturing frame's callee slot, `receiver` that of
 * the receiver's bottom frame (a few slots higher: see CAPTURE_EXTRA).
 */
export interface PendingCapture { readonly token: LazyCont; readonly callee: number; readonly receiver: number }

/**
 * Slots of native depth charged to the receiver on top of its place: the owner's own JS frames
 * (captureLazily, call) take JS stack that the frame layout does not count.
 */
export const CAPTURE_EXTRA = 16;

/** A call/cc tail-called from native code, handed to the caller's trampoline (NativeRuntime.tailRequest). */
export const TAIL_CAPTURE = new Primitive("call-with-current-continuation", 1, 1, (f: Value) => new Capture(f));

/** The real continuation a continuation object's `cont` stands for. */
export function realCont(cont: unknown): Cont | null {
  if (!(cont instanceof LazyCont)) return cont as Cont | null;
  // Only a global reassigned while the owner waited could let a lazy continuation be stored.
  if (cont.real === null) throw new Error("kiln: a lazy continuation was invoked after its extent ended");
  return cont.real;
}

// ---- Which receivers may be lazy ---------------------------------------------------------

interface Verdict { readonly ok: boolean; readonly cells: readonly Cell[]; readonly values: readonly Value[] }

/**
 * True when `receiver` is a closure of one parameter that provably keeps it local: the
 * continuation is only called, compared, or passed to procedures (known globals, closures made
 * here) that do the same, and never stored, returned, captured by a closure that escapes, or
 * handed to a primitive. The globals followed are checked to hold the same procedures.
 */
export function lazyReceiver(receiver: Value): boolean {
  if (!(receiver instanceof Closure)) return false;
  const code = receiver.code;
  if (code.rest || code.nreq !== 1) return false;
  let v = code.captureVerdict as Verdict | null;
  if (v === null) {
    const deps = new Map<Cell, Value>();
    const ok = staysLocal(code, [0], [], new Set(), deps);
    code.captureVerdict = v = { ok, cells: [...deps.keys()], values: [...deps.values()] };
  }
  if (!v.ok) return false;
  // The globals followed still hold the procedures checked (else: captured the usual way).
  const cells = v.cells, values = v.values;
  for (let i = 0; i < cells.length; i++) if (cells[i].value !== values[i]) return false;
  return true;
}

/**
 * Does `code`, with its parameters `params` and free variables `frees` holding the
 * continuation (or closures over it), keep them local?
 * Recursion (a procedure passing the continuation to itself) is assumed to keep it local
 * while being checked (a greatest fixpoint: the assumptions hold together or the answer is no).
 */
function staysLocal(code: Code, params: number[], frees: number[], seen: Set<string>, deps: Map<Cell, Value>): boolean {
  // Asked before in this analysis: true (being checked, or checked: a false answer ends it all).
  const id = `${codeId(code)}:${params.join(",")}|${frees.join(",")}`;
  if (seen.has(id)) return true;
  seen.add(id);
  const ins = code.code, consts = code.consts;
  const TF = new Set<number>(frees);
  /** Nested closures that hold the continuation: their Code, and which params/frees are tainted. */
  const nested = new Map<Code, { params: Set<number>; frees: Set<number> }>();
  const need = (c: Code): { params: Set<number>; frees: Set<number> } => {
    let n = nested.get(c);
    if (n === undefined) nested.set(c, n = { params: new Set(), frees: new Set() });
    return n;
  };
  // One forward pass: bytecode jumps only forward, so the registers tainted at a jump target
  // are the union of those tainted where its jumps were taken and at the fall-through.
  const targets = jumpTargets(code);
  const atTarget = new Map<number, Set<number>>();
  const jumpTo = (t: number, from: Set<number>): void => {
    const s = atTarget.get(t);
    if (s === undefined) atTarget.set(t, new Set(from)); else for (const r of from) s.add(r);
  };
  let T = new Set<number>(params);
  let reachable = true;
  const lastGref = new Map<number, number>();
  const lastClosure = new Map<number, Code>();
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const op = ins[pc] as Op;
    if (targets.has(pc)) {
      const s = atTarget.get(pc) ?? new Set<number>();
      if (reachable) for (const r of T) s.add(r);
      T = s; reachable = true;
      lastGref.clear(); lastClosure.clear();
    }
    const A = ins[pc + 1];
    // Registers this instruction makes tainted (MOV, FREE, a closure over the continuation).
    let tainted = false;
    switch (op) {
      case Op.MOV: tainted = T.has(ins[pc + 2]); break;
      case Op.FREE: tainted = TF.has(ins[pc + 2]); break;
      case Op.FREEBOX: if (TF.has(ins[pc + 2])) return false; break;
      case Op.GSET: case Op.GDEF: case Op.SETFREEBOX: case Op.BOX: case Op.RET: if (T.has(A)) return false; break;
      case Op.UNBOX: if (T.has(ins[pc + 2])) return false; break;
      case Op.SETBOX: if (T.has(A) || T.has(ins[pc + 2])) return false; break;
      case Op.CLOSURE: {
        const c = consts[ins[pc + 2]] as Code, n = ins[pc + 3];
        for (let i = 0; i < n; i++) {
          const w = ins[pc + 4 + i];
          if (w & 1 ? TF.has(w >> 1) : T.has(w >> 1)) { need(c).frees.add(i); tainted = true; }
        }
        break;
      }
      case Op.SETFREE: {
        if (!T.has(ins[pc + 3])) break;
        // A letrec fix-up: the closure made just before gets the continuation (or itself).
        const c = lastClosure.get(A);
        if (c === undefined) return false;
        need(c).frees.add(ins[pc + 2]);
        break;
      }
      case Op.CASELAMBDA: for (let i = 0; i < ins[pc + 2]; i++) if (T.has(ins[pc + 3 + i])) return false; break;
      case Op.CALL: case Op.TAILCALL: {
        const n = ins[pc + 2];
        const args: number[] = [];
        for (let i = 0; i < n; i++) if (T.has(A + 5 + i)) args.push(i);
        if (args.length === 0) break;
        const made = lastClosure.get(A);
        if (made !== undefined) {
          // A closure made here: its own analysis covers the arguments.
          if (made.rest || made.nreq !== n) return false;
          for (const i of args) need(made).params.add(i);
          break;
        }
        const gi = lastGref.get(A);
        const cell = gi !== undefined ? consts[gi] as Cell : null;
        const callee = cell?.value;
        if (!(callee instanceof Closure) || callee.code.rest || callee.code.nreq !== n) return false;
        deps.set(cell!, callee);
        if (!staysLocal(callee.code, args, [], seen, deps)) return false;
        break;
      }
      case Op.CONS: if (T.has(ins[pc + 2]) || T.has(ins[pc + 3])) return false; break;
      // A single value passes through (a rest list would hold it: it escapes into data).
      case Op.VALUE: if (T.has(ins[pc + 2])) { if (ins[pc + 3] === ins[pc + 4]) return false; tainted = true; } break;
      case Op.VSET: if (T.has(ins[pc + 4])) return false; break;
      case Op.CALLK1: case Op.CALLK2: case Op.CALLK3: {
        const len = instructionLength(ins, pc);
        for (let p = pc + 2; p < pc + len - 1; p++) if (T.has(ins[p])) return false;
        break;
      }
      default: break;  // the other ops only read their operands (a type error at worst)
    }
    // What this instruction wrote: its taint, and what the callee and SETFREE lookups know.
    if (writesFirstRegister(op)) {
      if (tainted) T.add(A); else T.delete(A);
      lastGref.delete(A); lastClosure.delete(A);
      if (op === Op.GREF) lastGref.set(A, ins[pc + 2]);
      else if (op === Op.CLOSURE) lastClosure.set(A, consts[ins[pc + 2]] as Code);
      else if (op === Op.MOV) {
        const g = lastGref.get(ins[pc + 2]), c = lastClosure.get(ins[pc + 2]);
        if (g !== undefined) lastGref.set(A, g);
        if (c !== undefined) lastClosure.set(A, c);
      }
    }
    if (op === Op.SETFREE && T.has(ins[pc + 3])) T.add(A);
    // The callee's frame overlaps the registers above the callee slot.
    if (op === Op.CALL) for (const m of [lastGref, lastClosure]) for (const r of m.keys()) if (r > A) m.delete(r);
    if (op === Op.JMP) { jumpTo(ins[pc + 1], T); reachable = false; }
    else if (op === Op.JF || op === Op.JT) jumpTo(ins[pc + 2], T);
    else if (op === Op.RET || op === Op.TAILCALL) reachable = false;
  }
  for (const [c, n] of nested) {
    if (!staysLocal(c, [...n.params].sort(), [...n.frees].sort(), seen, deps)) return false;
  }
  return true;
}


const ids = new WeakMap<Code, number>();
let nextId = 0;
function codeId(c: Code): number {
  let i = ids.get(c);
  if (i === undefined) ids.set(c, i = ++nextId);
  return i;
}

