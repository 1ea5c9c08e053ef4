// Lambda lifting of local loops: a named let or an internal define that is only ever called
// (never passed, stored or assigned) gets its free variables as extra parameters, so its
// closure captures nothing but itself and is made once per Code (bytecode/code.ts
// selfClosure) instead of at every entry of the procedure around it, and the loop reads those
// variables from registers rather than from its closure.
//
//   (define (f x) (let loop ((i 0)) ... x ... (loop (+ i 1))))
//   => (define (f x) (let loop ((i 0) (x' x)) ... x' ... (loop (+ i 1) x')))
//
// Only variables never assigned are lifted (a copy of a value is the same as the variable
// then), only when every call passes the loop exactly its parameters (an arity error keeps
// its message), and only for small bodies (the pass walks each candidate's body; big loops
// gain nothing from saving an allocation per entry).
// Input: IR from the expander, before analysis. Output: the same IR, changed in place.

import { Call, Lambda, Letrec, Node, Var, children, ir } from "./ir.js";

/** Bodies larger than this (IR nodes) are left alone. */
const MAX_BODY_NODES = 2_000;
/** At most this many variables are lifted into parameters. */
const MAX_LIFTED = 4;

export function liftLoops(root: Lambda): void {
  // One walk: the single-lambda letrecs, and how each variable is referred to.
  const candidates: Letrec[] = [];
  const procedures = new Set<Var>();
  const refs = new Map<Var, number>();
  const calls = new Map<Var, Call[]>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.k === "letrec") {
      n.vars.forEach((v, i) => { if (n.inits[i].k === "lambda") procedures.add(v); });
      if (n.vars.length === 1 && n.inits[0].k === "lambda" && n.inits[0].rest === null) candidates.push(n);
    } else if (n.k === "lref") refs.set(n.v, (refs.get(n.v) ?? 0) + 1);
    else if (n.k === "call" && n.fn.k === "lref") {
      const list = calls.get(n.fn.v);
      if (list) list.push(n); else calls.set(n.fn.v, [n]);
    }
    for (const c of children(n)) stack.push(c);
  }
  for (const n of candidates) {
    const v = n.vars[0], lam = n.inits[0] as Lambda, arity = lam.params.length;
    const sites = calls.get(v) ?? [];
    if (v.assigned || sites.length === 0 || sites.length !== refs.get(v) || sites.some((c) => c.args.length !== arity)) continue;
    const free = freeVariables(lam, v, procedures);
    if (free === null || free.length === 0 || free.length > MAX_LIFTED) continue;
    // Every call passes the variables as they are where it stands; inside the loop's own body
    // those references then become its new parameters.
    for (const c of sites) for (const x of free) c.args.push(ir.lref(x));
    const lifted = free.map((x) => new Var(x.name));
    const rename = new Map(free.map((x, i) => [x, lifted[i]]));
    renameRefs(lam.body, rename);
    lam.params.push(...lifted);
  }
}

/**
 * The variables `lam` refers to that are bound outside it, in order of first reference, none
 * assigned (else null); `self`, the loop's own name, other local procedures and variables the
 * loop calls left out: an inner loop calling an outer one keeps it as a free variable, which
 * the Wasm tier follows where a procedure parameter would make it refuse the loop; and an
 * escape continuation called in a loop (`(call/cc (lambda (return) (let loop ...)))`) stays a
 * capture, which jit/lazy-capture.ts follows where passing it as an argument would make every
 * such call/cc capture its stack for real (escape-loop: 495 -> 601,990 reifications).
 * Null for a body too big.
 */
function freeVariables(lam: Lambda, self: Var, procedures: ReadonlySet<Var>): Var[] | null {
  const bound = new Set<Var>(lam.params);
  const seen = new Set<Var>();
  const called = new Set<Var>();
  const order: Var[] = [];
  const stack: Node[] = [lam.body];
  let count = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (++count > MAX_BODY_NODES) return null;
    switch (n.k) {
      case "lref": case "lset":
        if (!seen.has(n.v)) { seen.add(n.v); order.push(n.v); }
        break;
      case "let": case "letrec": for (const x of n.vars) bound.add(x); break;
      case "receive": for (const x of n.vars) bound.add(x); if (n.rest) bound.add(n.rest); break;
      case "lambda": for (const x of n.params) bound.add(x); if (n.rest) bound.add(n.rest); break;
      case "call": if (n.fn.k === "lref") called.add(n.fn.v); break;
      default: break;
    }
    const cs = children(n);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]);
  }
  const free = order.filter((x) => x !== self && !bound.has(x) && !procedures.has(x) && !called.has(x));
  return free.some((x) => x.assigned) ? null : free;
}

/** Point every reference to a key of `rename` under `root` at its new variable. */
function renameRefs(root: Node, rename: ReadonlyMap<Var, Var>): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.k === "lref") {
      const to = rename.get(n.v);
      if (to) (n as unknown as { v: Var }).v = to;
    }
    for (const c of children(n)) stack.push(c);
  }
}
