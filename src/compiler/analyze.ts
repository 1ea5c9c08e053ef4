// Variable analysis over core IR: which lambda owns each variable, which variables are captured
// by inner lambdas (each lambda's `free` list, in first-use order), and which letrec variables
// must live in a box because a closure may capture them before they are initialized.
// Input: IR from the expander. Output: the same IR, annotated in place.

import { Lambda, Node, Var } from "./ir.js";

export function analyze(root: Lambda): void {
  root.parent = null;
  bindAll(root, root.params, root.rest);
  walk(root.body, root);
}

function bindAll(owner: Lambda, params: Var[], rest: Var | null): void {
  for (const p of params) p.owner = owner;
  if (rest) rest.owner = owner;
}

function use(v: Var, lam: Lambda): void {
  if (v.owner === lam) return;
  v.captured = true;
  for (let l: Lambda | null = lam; l && l !== v.owner; l = l.parent) {
    if (l.free.includes(v)) break;
    l.free.push(v);
  }
}

function walk(n: Node, lam: Lambda): void {
  switch (n.k) {
    case "const": case "gref": return;
    case "lref": use(n.v, lam); return;
    case "lset": use(n.v, lam); walk(n.e, lam); return;
    case "gset": walk(n.e, lam); return;
    case "if": walk(n.test, lam); walk(n.then, lam); walk(n.else, lam); return;
    case "seq": for (const e of n.es) walk(e, lam); return;
    case "call": walk(n.fn, lam); for (const a of n.args) walk(a, lam); return;
    case "let":
      for (const i of n.inits) walk(i, lam);
      for (const v of n.vars) v.owner = lam;
      walk(n.body, lam);
      return;
    case "receive":
      walk(n.producer, lam);
      for (const v of n.vars) v.owner = lam;
      if (n.rest) n.rest.owner = lam;
      walk(n.body, lam);
      return;
    case "letrec": {
      for (const v of n.vars) v.owner = lam;
      // A closure built by a non-lambda init may capture a letrec variable that is not yet
      // initialized (itself or a later one): such variables are boxed when captured.
      // Lambda inits are instead patched after the fact by codegen (SETFREE).
      n.inits.forEach((init, j) => {
        if (init.k === "lambda") return;
        for (const v of referencedVars(init)) {
          const idx = n.vars.indexOf(v);
          if (idx >= j) v.assigned = true;
        }
      });
      for (const i of n.inits) walk(i, lam);
      walk(n.body, lam);
      return;
    }
    case "lambda":
      n.parent = lam;
      n.free = [];
      bindAll(n, n.params, n.rest);
      walk(n.body, n);
      return;
    case "case-lambda":
      for (const c of n.clauses) walk(c, lam);
      return;
  }
}

/** Local variables referenced anywhere inside a node. */
function referencedVars(n: Node, out = new Set<Var>()): Set<Var> {
  switch (n.k) {
    case "lref": out.add(n.v); break;
    case "lset": out.add(n.v); referencedVars(n.e, out); break;
    case "gset": referencedVars(n.e, out); break;
    case "if": referencedVars(n.test, out); referencedVars(n.then, out); referencedVars(n.else, out); break;
    case "seq": for (const e of n.es) referencedVars(e, out); break;
    case "call": referencedVars(n.fn, out); for (const a of n.args) referencedVars(a, out); break;
    case "let": case "letrec": for (const i of n.inits) referencedVars(i, out); referencedVars(n.body, out); break;
    case "receive": referencedVars(n.producer, out); referencedVars(n.body, out); break;
    case "lambda": referencedVars(n.body, out); break;
    case "case-lambda": for (const c of n.clauses) referencedVars(c, out); break;
    default: break;
  }
  return out;
}
