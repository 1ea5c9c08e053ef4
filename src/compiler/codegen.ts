// Code generation: analyzed core IR -> Code objects (register bytecode).
//
// Registers are allocated like a stack: parameters first, then each let's variables while
// their scope is open, then temporaries. A call's callee and arguments go in consecutive
// registers at the top (callee at A, link at A+1..A+4, arguments from A+5), so the callee's
// frame starts right there and no argument is copied. Values land directly in the register
// that needs them ("destination-driven" code generation). Tail positions end in RET or
// TAILCALL (R7RS 3.5).

import { UNSPECIFIED, Primitive } from "../runtime/values.js";
import { Code } from "../bytecode/code.js";
import { Op, INLINE_OPS, inlineArity } from "../bytecode/opcodes.js";
import { Emitter } from "../bytecode/emitter.js";
import { Cell } from "../expander/environment.js";
import { Lambda, Node, Var, Call, Receive } from "./ir.js";
import { analyze } from "./analyze.js";
import { liftLoops } from "./lift.js";

/** Link slots between a call's callee register and its first argument. */
export const LINK = 4;

export interface CodegenOptions {
  /** Builtins that may be inlined: a cell whose value is one of these primitives gets an inline op. */
  readonly inlinable: ReadonlyMap<Primitive, string>;
  /** Called for each Code that contains inline ops (so it can be patched if a builtin is redefined). */
  readonly onInlined?: (code: Code) => void;
}

/** Compile a top-level form (a lambda of no arguments) and everything nested in it. */
export function compileToplevel(root: Lambda, opts: CodegenOptions): Code {
  liftLoops(root);
  analyze(root);
  let code: Code | null = null;
  const tasks: Task[] = [];
  const fn = new FnCompiler(root, opts, tasks);
  schedule(tasks, fn.steps((c) => { code = c; }));
  while (tasks.length > 0) tasks.pop()!();
  return code!;
}

type Place = { kind: "reg"; reg: number; boxed: boolean } | { kind: "free"; idx: number; boxed: boolean };

/**
 * A step of code generation. The compiler walks the IR with an explicit stack of steps instead
 * of recursing, so a chain of 10^6 nested lets and ifs (or, cond, let*) or 10^6 nested calls
 * or lambdas compile in constant JS stack: a step does its part of one node and schedules the
 * steps for its children and for what comes after them. The order of steps is the order of a
 * recursive walk, so the bytecode is the same.
 */
type Task = () => void;
/** The register a value step chose (filled when the step runs). */
interface Reg { r: number }

/** Push `steps` so that they run in the order given (before anything scheduled earlier). */
function schedule(tasks: Task[], steps: Task[]): void {
  for (let i = steps.length - 1; i >= 0; i--) tasks.push(steps[i]);
}

class FnCompiler {
  private readonly e: Emitter;
  private next = 0;
  private max = 0;
  private readonly places = new Map<Var, Place>();
  private readonly regNames: string[] = [];
  private hasInline = false;

  constructor(private readonly lam: Lambda, private readonly opts: CodegenOptions, private readonly tasks: Task[]) {
    this.e = new Emitter();
  }

  /** The steps that compile this function; `done` gets its Code. */
  steps(done: (code: Code) => void): Task[] {
    const lam = this.lam;
    lam.free.forEach((v, idx) => this.places.set(v, { kind: "free", idx, boxed: v.boxed }));
    const params = lam.rest ? [...lam.params, lam.rest] : lam.params;
    for (const p of params) {
      const r = this.alloc(p.name);
      this.places.set(p, { kind: "reg", reg: r, boxed: p.boxed });
      if (p.boxed) this.e.emit(Op.BOX, r);
    }
    this.e.mark(lam.pos);
    return [
      () => this.tail(lam.body),
      () => {
        const code = this.e.finish(lam.name, lam.params.length, lam.rest !== null, Math.max(this.max, 1), this.regNames, lam.pos);
        if (this.hasInline) this.opts.onInlined?.(code);
        done(code);
      },
    ];
  }

  private then(steps: Task[]): void { schedule(this.tasks, steps); }

  private alloc(name = ""): number {
    const r = this.next++;
    if (this.next > this.max) this.max = this.next;
    this.regNames[r] = name;
    return r;
  }
  private release(to: number): void { this.next = to; }

  /** A step compiling `n` for its value into some register (an unboxed local's own register when possible). */
  private value(n: Node, out: Reg): Task {
    return () => {
      if (n.k === "lref") {
        const p = this.places.get(n.v)!;
        if (p.kind === "reg" && !p.boxed) { out.r = p.reg; return; }
      }
      out.r = this.alloc();
      this.to(n, out.r);
    };
  }

  /** A step compiling `n` for effect only. */
  private effect(n: Node): Task {
    return () => {
      if (n.k === "const" || n.k === "lref" || n.k === "lambda") return;
      const save = this.next;
      const r = this.alloc();
      this.then([() => this.to(n, r), () => this.release(save)]);
    };
  }

  /** Compile `n` so its value ends up in register `dst` (runs as a step). */
  private to(n: Node, dst: number): void {
    const e = this.e;
    switch (n.k) {
      case "const": e.emit(Op.CONST, dst, e.constant(n.value)); return;
      case "lref": {
        const p = this.places.get(n.v)!;
        if (p.kind === "reg") {
          if (p.boxed) e.emit(Op.UNBOX, dst, p.reg);
          else if (p.reg !== dst) e.emit(Op.MOV, dst, p.reg);
        } else e.emit(p.boxed ? Op.FREEBOX : Op.FREE, dst, p.idx);
        return;
      }
      case "lset": {
        const p = this.places.get(n.v)!;
        const unspecified = (): void => { e.emit(Op.CONST, dst, e.constant(UNSPECIFIED)); };
        if (p.kind === "reg" && !p.boxed) { this.then([() => this.to(n.e, p.reg), unspecified]); return; }
        const save = this.next;
        const v: Reg = { r: 0 };
        this.then([this.value(n.e, v), () => {
          if (p.kind === "reg") e.emit(Op.SETBOX, p.reg, v.r);
          else e.emit(Op.SETFREEBOX, v.r, p.idx);
          this.release(save);
        }, unspecified]);
        return;
      }
      case "gref": e.mark(n.pos); e.emit(Op.GREF, dst, e.constant(n.cell)); return;
      case "gset": {
        const save = this.next;
        const v: Reg = { r: 0 };
        this.then([this.value(n.e, v), () => {
          e.mark(n.pos);
          e.emit(n.define ? Op.GDEF : Op.GSET, v.r, e.constant(n.cell));
          this.release(save);
          e.emit(Op.CONST, dst, e.constant(UNSPECIFIED));
        }]);
        return;
      }
      case "if": {
        const save = this.next;
        const t: Reg = { r: 0 };
        this.then([this.value(n.test, t), () => {
          this.release(save);
          const jf = e.emitJump(Op.JF, t.r);
          let jend = 0;
          this.then([
            () => this.to(n.then, dst),
            () => { jend = e.emitJump(Op.JMP); e.patch(jf); },
            () => this.to(n.else, dst),
            () => e.patch(jend),
          ]);
        }]);
        return;
      }
      case "seq":
        this.then([...n.es.slice(0, -1).map((x) => this.effect(x)), () => this.to(n.es[n.es.length - 1], dst)]);
        return;
      case "call": this.call(n, dst, false); return;
      case "let": case "letrec": {
        const save = this.next;
        this.then([...this.bindings(n), () => this.to(n.body, dst), () => this.release(save)]);
        return;
      }
      case "receive": {
        const save = this.next;
        this.then([...this.receive(n), () => this.to(n.body, dst), () => this.release(save)]);
        return;
      }
      case "lambda": this.closure(n, dst); return;
      case "case-lambda": {
        const save = this.next;
        const regs = n.clauses.map(() => this.alloc());
        this.then([...n.clauses.map((c, i) => () => this.closure(c, regs[i])), () => {
          e.emit(Op.CASELAMBDA, dst, regs.length, ...regs);
          this.release(save);
        }]);
        return;
      }
    }
  }

  /** Compile `n` in tail position: the function returns its value (runs as a step). */
  private tail(n: Node): void {
    const e = this.e;
    switch (n.k) {
      case "if": {
        const save = this.next;
        const t: Reg = { r: 0 };
        this.then([this.value(n.test, t), () => {
          this.release(save);
          const jf = e.emitJump(Op.JF, t.r);
          this.then([() => this.tail(n.then), () => e.patch(jf), () => this.tail(n.else)]);
        }]);
        return;
      }
      case "seq":
        this.then([...n.es.slice(0, -1).map((x) => this.effect(x)), () => this.tail(n.es[n.es.length - 1])]);
        return;
      case "let": case "letrec": {
        const save = this.next;
        this.then([...this.bindings(n), () => this.tail(n.body), () => this.release(save)]);
        return;
      }
      case "receive": {
        const save = this.next;
        this.then([...this.receive(n), () => this.tail(n.body), () => this.release(save)]);
        return;
      }
      case "call":
        if (this.inlineOp(n) === null) { this.call(n, 0, true); return; }
        break;
      default: break;
    }
    const save = this.next;
    const v: Reg = { r: 0 };
    this.then([this.value(n, v), () => { e.emit(Op.RET, v.r); this.release(save); }]);
  }

  /** The steps that allocate and initialize the variables of a let or letrec (scope stays open). */
  private bindings(n: Node & { k: "let" | "letrec" }): Task[] {
    const e = this.e;
    if (n.k === "let") {
      // Inits are evaluated before the variables exist, into the registers they will occupy.
      const regs = n.vars.map((v) => this.alloc(v.name));
      return [...n.inits.map((init, i) => () => this.to(init, regs[i])), () => {
        n.vars.forEach((v, i) => {
          this.places.set(v, { kind: "reg", reg: regs[i], boxed: v.boxed });
          if (v.boxed) e.emit(Op.BOX, regs[i]);
        });
      }];
    }
    // letrec*: boxed variables get their box first; lambda inits are created in order and
    // patched (SETFREE) as the variables they capture get their values.
    const regs = n.vars.map((v) => this.alloc(v.name));
    n.vars.forEach((v, i) => {
      this.places.set(v, { kind: "reg", reg: regs[i], boxed: v.boxed });
      if (v.boxed) { e.emit(Op.CONST, regs[i], e.constant(UNSPECIFIED)); e.emit(Op.BOX, regs[i]); }
      else e.emit(Op.CONST, regs[i], e.constant(UNSPECIFIED));
    });
    const made: { lam: Lambda; reg: number }[] = [];
    const steps: Task[] = [];
    n.inits.forEach((init, i) => {
      const v = n.vars[i];
      if (v.boxed) {
        steps.push(() => {
          const save = this.next;
          const r: Reg = { r: 0 };
          this.then([this.value(init, r), () => { e.emit(Op.SETBOX, regs[i], r.r); this.release(save); }]);
        });
      } else {
        steps.push(() => this.to(init, regs[i]), () => {
          if (init.k === "lambda") made.push({ lam: init, reg: regs[i] });
          for (const m of made) {
            const idx = m.lam.free.indexOf(v);
            if (idx >= 0) e.emit(Op.SETFREE, m.reg, idx, regs[i]);
          }
        });
      }
    });
    return steps;
  }

  /**
   * The steps that allocate and bind the formals of a receive (scope stays open): the
   * producer's value lands in some register (a call's own callee slot: no copy), then one VALUE
   * per formal spreads it. A continuation captured in the producer and called later with
   * several values delivers a MultipleValues to the same register, and the VALUEs bind them again.
   */
  private receive(n: Receive): Task[] {
    const e = this.e;
    const all = n.rest ? [...n.vars, n.rest] : n.vars;
    const regs = all.map((v) => this.alloc(v.name));
    const save = this.next;
    const src: Reg = { r: 0 };
    const produce: Task = n.producer.k === "call" && this.inlineOp(n.producer) === null
      ? () => { src.r = this.call(n.producer as Call, -1, false); }
      : this.value(n.producer, src);
    return [produce, () => {
      e.mark(n.pos);
      const who = e.constant(n.who), count = n.vars.length, rest = n.rest ? 1 : 0;
      n.vars.forEach((_, i) => e.emit(Op.VALUE, regs[i], src.r, i, count, rest, who));
      if (n.rest) e.emit(Op.VALUE, regs[count], src.r, count, count, 1, who);
      else if (count === 0) {
        // (let-values ((() expr)) ...): only the check, into a scratch register.
        e.emit(Op.VALUE, this.alloc(), src.r, 0, 0, 0, who);
      }
      this.release(save);
      all.forEach((v, i) => {
        this.places.set(v, { kind: "reg", reg: regs[i], boxed: v.boxed });
        if (v.boxed) e.emit(Op.BOX, regs[i]);
      });
    }];
  }

  /** Compile a lambda's own Code (its steps run next), then make the closure into `dst`. */
  private closure(lam: Lambda, dst: number): void {
    const inner = new FnCompiler(lam, this.opts, this.tasks);
    this.then(inner.steps((code) => {
      const caps = lam.free.map((v) => {
        const p = this.places.get(v)!;
        return p.kind === "reg" ? p.reg * 2 : p.idx * 2 + 1;
      });
      this.e.mark(lam.pos);
      this.e.emit(Op.CLOSURE, dst, this.e.constant(code), caps.length, ...caps);
    }));
  }

  /** The inline op for a call to a builtin through its untouched global cell, if any. */
  private inlineOp(n: Call): Op | null {
    if (n.fn.k !== "gref") return null;
    const cell: Cell = n.fn.cell;
    const name = this.opts.inlinable.get(cell.value);
    if (name === undefined) return null;
    const op = INLINE_OPS.get(name);
    if (op === undefined) return null;
    if (inlineArity(op) === n.args.length) return op;
    // (+ a b c ...), (* a b c ...), (- a b c ...): a chain of binary ops, folded left as the
    // generic procedures fold, so (* 2.0 x y) stays inline.
    if ((op === Op.ADD || op === Op.MUL || op === Op.SUB) && n.args.length > 2) return op;
    return null;
  }

  /**
   * A call (runs as a step); its value goes to `dst` (-1: left in the callee slot, whose
   * register is returned).
   */
  private call(n: Call, dst: number, tail: boolean): number {
    const e = this.e;
    const op = this.inlineOp(n);
    if (op !== null) {
      const save = this.next;
      const regs: Reg[] = n.args.map(() => ({ r: 0 }));
      const cell = (n.fn as { cell: Cell }).cell;
      this.then([...n.args.map((a, i) => this.value(a, regs[i])), () => {
        cell.inlined = true;
        this.hasInline = true;
        e.mark(n.pos);
        const k = e.constant(cell);
        if (regs.length > inlineArity(op)) {
          // Every argument is evaluated first (as for a call), then folded left.
          const acc = this.alloc();
          e.emit(op, acc, regs[0].r, regs[1].r, k);
          for (let i = 2; i < regs.length - 1; i++) e.emit(op, acc, acc, regs[i].r, k);
          e.emit(op, dst, acc, regs[regs.length - 1].r, k);
        } else e.emit(op, dst, ...regs.map((x) => x.r), k);
        this.release(save);
      }]);
      return dst;
    }
    const save = this.next;
    const base = this.alloc();
    for (let i = 0; i < LINK; i++) this.alloc();
    const argRegs = n.args.map(() => this.alloc());
    this.then([() => this.to(n.fn, base), ...n.args.map((a, i) => () => this.to(a, argRegs[i])), () => {
      e.mark(n.pos);
      if (tail) e.emit(Op.TAILCALL, base, n.args.length);
      else {
        e.emit(Op.CALL, base, n.args.length);
        if (dst >= 0 && dst !== base) e.emit(Op.MOV, dst, base);
      }
      this.release(save);
    }]);
    return base;
  }
}
