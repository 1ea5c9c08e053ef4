// Compile-time warnings, like Guile's: calls to known procedures with the wrong number of
// arguments, references to variables that nothing defines, and (off by default) unused locals.
//
// Input: one expanded top-level unit (core IR, before analysis or code generation) and the
// warnings that are on. Output: warnings with the source position they are about. Never
// changes the IR and never throws for well-formed IR: a warning never stops a program.
// "Known procedure": a lambda bound by a `define` in the same unit, or by let/letrec and never
// assigned; a builtin or procedure already in the variable's cell (the REPL's earlier
// definitions). A variable assigned by `set!` anywhere in the unit is not known.

import { Node, Lambda, Var } from "./ir.js";
import { Cell } from "../expander/environment.js";
import { SourcePos } from "../bytecode/code.js";
import { Closure } from "../bytecode/code.js";
import { CaseLambda, Primitive, UNBOUND, Value } from "../runtime/values.js";
import { WarningName } from "./warning-names.js";

export interface Warning {
  readonly name: WarningName;
  readonly pos: SourcePos | null;
  readonly message: string;
}

/** How many arguments a procedure takes: at least `min`, at most `max` (Infinity: any). */
interface Arity { readonly min: number; readonly max: number; readonly accepts: (n: number) => boolean }

function lambdaArity(l: Lambda): Arity {
  const min = l.params.length, max = l.rest ? Infinity : min;
  return { min, max, accepts: (n) => n >= min && n <= max };
}

function valueArity(v: Value): Arity | null {
  if (v instanceof Primitive) {
    const max = v.max < 0 ? Infinity : v.max;
    return { min: v.min, max, accepts: (n) => n >= v.min && n <= max };
  }
  if (v instanceof Closure) {
    const c = v.code;
    return { min: c.nreq, max: c.rest ? Infinity : c.nreq, accepts: (n) => c.accepts(n) };
  }
  if (v instanceof CaseLambda) {
    const arities = v.clauses.map(valueArity);
    if (arities.some((a) => a === null)) return null;
    const as = arities as Arity[];
    return { min: Math.min(...as.map((a) => a.min)), max: Math.max(...as.map((a) => a.max)), accepts: (n) => as.some((a) => a.accepts(n)) };
  }
  return null;
}

function expected(a: Arity): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? "" : "s"}`;
  if (a.max === a.min) return plural(a.min);
  if (a.max === Infinity) return `at least ${plural(a.min)}`;
  return `${a.min} to ${plural(a.max)}`;
}

/** The warnings of one top-level unit. */
export function findWarnings(body: Node, enabled: Readonly<Record<WarningName, boolean>>): Warning[] {
  const out: Warning[] = [];
  // Pass 1: what the unit defines and assigns.
  const defined = new Map<Cell, Lambda | null>();
  const assignedCells = new Set<Cell>();
  const knownLocals = new Map<Var, Lambda>();
  const used = new Set<Var>();
  // Every node, parents before children, in evaluation order (an explicit stack: any depth).
  const visit = (root: Node, f: (n: Node) => void): void => {
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      f(n);
      pushChildren(stack, n);
    }
  };
  const assignedLocals = new Set<Var>();
  visit(body, (n) => {
    if (n.k === "gset") {
      if (n.define && !defined.has(n.cell)) defined.set(n.cell, n.e.k === "lambda" ? n.e : null);
      else assignedCells.add(n.cell);
    } else if (n.k === "lset") assignedLocals.add(n.v);
    else if (n.k === "lref") used.add(n.v);
    else if (n.k === "let" || n.k === "letrec") {
      n.vars.forEach((v, i) => { const e = n.inits[i]; if (e.k === "lambda") knownLocals.set(v, e); });
    }
  });

  const arityOf = (fn: Node): { name: string; arity: Arity } | null => {
    if (fn.k === "lambda") return { name: fn.name || "lambda", arity: lambdaArity(fn) };
    if (fn.k === "lref") {
      const l = knownLocals.get(fn.v);
      return l && !assignedLocals.has(fn.v) ? { name: fn.v.name, arity: lambdaArity(l) } : null;
    }
    if (fn.k !== "gref" || assignedCells.has(fn.cell)) return null;
    const name = fn.cell.name.name;
    if (defined.has(fn.cell)) {
      const l = defined.get(fn.cell);
      return l ? { name, arity: lambdaArity(l) } : null;
    }
    const a = valueArity(fn.cell.value);
    return a ? { name, arity: a } : null;
  };

  // Pass 2: report, with the nearest source position for nodes that have none.
  const reportedUnbound = new Set<Cell>();
  // Parents before children, in evaluation order, with the nearest position known above each
  // node (an explicit stack: any depth).
  const walk = (root: Node): void => {
    const stack: { n: Node; near: SourcePos | null }[] = [{ n: root, near: null }];
    const then = (near: SourcePos | null, ns: Node[]): void => {
      for (let i = ns.length - 1; i >= 0; i--) stack.push({ n: ns[i], near });
    };
    while (stack.length > 0) {
      const { n, near } = stack.pop()!;
      switch (n.k) {
        case "const": case "lref": break;
        case "gref":
          if (enabled["unbound-variable"] && n.cell.value === UNBOUND && !defined.has(n.cell) && !assignedCells.has(n.cell)
              && !reportedUnbound.has(n.cell)) {
            reportedUnbound.add(n.cell);
            out.push({ name: "unbound-variable", pos: n.pos ?? near, message: `possibly unbound variable \`${n.cell.name.name}'` });
          }
          break;
        case "lset": then(near, [n.e]); break;
        case "gset": then(n.pos ?? near, [n.e]); break;
        case "if": then(near, [n.test, n.then, n.else]); break;
        case "seq": then(near, n.es); break;
        case "call": {
          const here = n.pos ?? near;
          const known = enabled["arity-mismatch"] ? arityOf(n.fn) : null;
          if (known && !known.arity.accepts(n.args.length)) {
            out.push({
              name: "arity-mismatch", pos: here,
              message: `wrong number of arguments to \`${known.name}': expected ${expected(known.arity)}, got ${n.args.length}`,
            });
          }
          then(here, [n.fn, ...n.args]);
          break;
        }
        case "let": case "letrec":
          unused(n.vars, () => firstPos(n) ?? near);
          then(near, [...n.inits, n.body]);
          break;
        case "receive":
          unused(n.rest ? [...n.vars, n.rest] : n.vars, () => n.pos ?? firstPos(n) ?? near);
          then(n.pos ?? near, [n.producer, n.body]);
          break;
        case "lambda":
          unused(n.rest ? [...n.params, n.rest] : n.params, () => n.pos ?? near);
          then(n.pos ?? near, [n.body]);
          break;
        case "case-lambda": then(near, n.clauses); break;
      }
    }
  };
  // The position is found only for a variable reported (firstPos walks down the node).
  const unused = (vars: Var[], near: () => SourcePos | null): void => {
    if (!enabled["unused-variable"]) return;
    for (const v of vars) {
      if (used.has(v) || v.name.startsWith("_") || v.name.startsWith("%") || v.name === "") continue;
      out.push({ name: "unused-variable", pos: near(), message: `unused variable \`${v.name}'` });
    }
  };
  walk(body);
  return out;
}

/** Push the children of `n` so that they pop in evaluation order. */
function pushChildren(stack: Node[], n: Node): void {
  switch (n.k) {
    case "const": case "lref": case "gref": return;
    case "lset": case "gset": stack.push(n.e); return;
    case "if": stack.push(n.else, n.then, n.test); return;
    case "seq": for (let i = n.es.length - 1; i >= 0; i--) stack.push(n.es[i]); return;
    case "call": for (let i = n.args.length - 1; i >= 0; i--) stack.push(n.args[i]); stack.push(n.fn); return;
    case "let": case "letrec":
      stack.push(n.body);
      for (let i = n.inits.length - 1; i >= 0; i--) stack.push(n.inits[i]);
      return;
    case "receive": stack.push(n.body, n.producer); return;
    case "lambda": stack.push(n.body); return;
    case "case-lambda": for (let i = n.clauses.length - 1; i >= 0; i--) stack.push(n.clauses[i]); return;
  }
}

/**
 * The first source position inside a node (for nodes that carry none themselves): a node's
 * own position, else the first found in its children in order, where a call looks only in
 * its operator and a case-lambda only in its first clause (an explicit stack: any depth).
 */
function firstPos(root: Node): SourcePos | null {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.k) {
      case "const": case "lref": break;
      case "gref": if (n.pos) return n.pos; break;
      case "gset": if (n.pos) return n.pos; stack.push(n.e); break;
      case "call": if (n.pos) return n.pos; stack.push(n.fn); break;
      case "receive": if (n.pos) return n.pos; stack.push(n.body, n.producer); break;
      case "lambda": if (n.pos) return n.pos; stack.push(n.body); break;
      case "case-lambda": if (n.clauses.length) stack.push(n.clauses[0]); break;
      default: pushChildren(stack, n); break;
    }
  }
  return null;
}
