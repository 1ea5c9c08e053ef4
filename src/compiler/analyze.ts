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

/**
 * Walk the body of `root`, in the order of a recursive walk, with an explicit stack (a chain
 * of 10^6 nested lets or lambdas takes no JS stack): a step is a node to visit in a lambda,
 * or an action to run once the nodes pushed after it are done.
 */
function walk(root: Node, rootLam: Lambda): void {
  type Step = { n: Node; lam: Lambda } | (() => void);
  const stack: Step[] = [{ n: root, lam: rootLam }];
  // Push steps so that they run in the order given.
  const then = (steps: Step[]): void => { for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]); };
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (typeof step === "function") { step(); continue; }
    const { n, lam } = step;
    const at = (x: Node): Step => ({ n: x, lam });
    switch (n.k) {
      case "const": case "gref": break;
      case "lref": use(n.v, lam); break;
      case "lset": use(n.v, lam); stack.push(at(n.e)); break;
      case "gset": stack.push(at(n.e)); break;
      case "if": then([at(n.test), at(n.then), at(n.else)]); break;
      case "seq": then(n.es.map(at)); break;
      case "call": then([at(n.fn), ...n.args.map(at)]); break;
      case "let":
        then([...n.inits.map(at), () => { for (const v of n.vars) v.owner = lam; }, at(n.body)]);
        break;
      case "receive":
        then([at(n.producer), () => {
          for (const v of n.vars) v.owner = lam;
          if (n.rest) n.rest.owner = lam;
        }, at(n.body)]);
        break;
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
        then([...n.inits.map(at), at(n.body)]);
        break;
      }
      case "lambda":
        n.parent = lam;
        n.free = [];
        bindAll(n, n.params, n.rest);
        stack.push({ n: n.body, lam: n });
        break;
      case "case-lambda": then(n.clauses.map(at)); break;
    }
  }
}

/** Local variables referenced anywhere inside a node (an explicit stack: any depth). */
function referencedVars(root: Node): Set<Var> {
  const out = new Set<Var>();
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    switch (n.k) {
      case "lref": out.add(n.v); break;
      case "lset": out.add(n.v); stack.push(n.e); break;
      case "gset": stack.push(n.e); break;
      case "if": stack.push(n.test, n.then, n.else); break;
      case "seq": for (const e of n.es) stack.push(e); break;
      case "call": stack.push(n.fn); for (const a of n.args) stack.push(a); break;
      case "let": case "letrec": for (const i of n.inits) stack.push(i); stack.push(n.body); break;
      case "receive": stack.push(n.producer, n.body); break;
      case "lambda": stack.push(n.body); break;
      case "case-lambda": for (const c of n.clauses) stack.push(c); break;
      default: break;
    }
  }
  return out;
}
