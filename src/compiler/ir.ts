// The core IR: what the expander produces and the compiler consumes. Every derived form of
// R7RS is gone by this point; what is left is the small language of DESIGN.md:
// const, local/global ref and set, if, lambda, seq, call, let, letrec* (and case-lambda), and
// receive: the values of one expression bound to formals (let-values, define-values).

import { Value } from "../runtime/values.js";
import { Cell } from "../expander/environment.js";
import { SourcePos } from "../bytecode/code.js";

/** A local variable. Analysis fills in how it is used; codegen decides where it lives. */
export class Var {
  private static counter = 0;
  readonly id = ++Var.counter;
  /** Assigned by set! (other than its letrec initialization). */
  assigned = false;
  /** Referenced from a lambda other than the one that binds it. */
  captured = false;
  /** The lambda that binds it (set by analysis). */
  owner: Lambda | null = null;
  constructor(readonly name: string) {}
  /**
   * Lives in a box when assigned: a variable is a location, and a re-entered continuation
   * restores frames from a copy, so an assigned variable must not live in the frame itself.
   */
  get boxed(): boolean { return this.assigned; }
}

export interface Const { readonly k: "const"; readonly value: Value }
export interface LocalRef { readonly k: "lref"; readonly v: Var }
export interface LocalSet { readonly k: "lset"; readonly v: Var; readonly e: Node }
export interface GlobalRef { readonly k: "gref"; readonly cell: Cell; readonly pos: SourcePos | null }
export interface GlobalSet { readonly k: "gset"; readonly cell: Cell; readonly e: Node; readonly define: boolean; readonly pos: SourcePos | null }
export interface If { readonly k: "if"; readonly test: Node; readonly then: Node; readonly else: Node }
export interface Seq { readonly k: "seq"; readonly es: Node[] }
export interface Call { readonly k: "call"; readonly fn: Node; readonly args: Node[]; readonly pos: SourcePos | null }
export interface Let { readonly k: "let"; readonly vars: Var[]; readonly inits: Node[]; readonly body: Node }
/** letrec* : inits evaluated left to right with all vars in scope. */
export interface Letrec { readonly k: "letrec"; readonly vars: Var[]; readonly inits: Node[]; readonly body: Node }
/**
 * The values of `producer` bound to `vars` (and a list of the rest to `rest`), then `body`:
 * let-values, let*-values, receive and define-values, with no closure and no call of
 * call-with-values. `who` (a symbol) names the form in the error for a wrong count.
 */
export interface Receive {
  readonly k: "receive"; readonly vars: Var[]; readonly rest: Var | null; readonly producer: Node; readonly body: Node;
  readonly who: Value; readonly pos: SourcePos | null;
}
export interface Lambda {
  readonly k: "lambda";
  readonly params: Var[];
  readonly rest: Var | null;
  body: Node;
  name: string;
  readonly pos: SourcePos | null;
  /** Filled by analysis: variables of enclosing lambdas used inside, in capture order. */
  free: Var[];
  parent: Lambda | null;
}
export interface CaseLambda { readonly k: "case-lambda"; readonly clauses: Lambda[]; name: string }

export type Node = Const | LocalRef | LocalSet | GlobalRef | GlobalSet | If | Seq | Call | Let | Letrec | Receive | Lambda | CaseLambda;

export const ir = {
  const: (value: Value): Const => ({ k: "const", value }),
  lref: (v: Var): LocalRef => ({ k: "lref", v }),
  lset: (v: Var, e: Node): LocalSet => ({ k: "lset", v, e }),
  gref: (cell: Cell, pos: SourcePos | null): GlobalRef => ({ k: "gref", cell, pos }),
  gset: (cell: Cell, e: Node, define: boolean, pos: SourcePos | null): GlobalSet => ({ k: "gset", cell, e, define, pos }),
  if: (test: Node, then: Node, els: Node): If => ({ k: "if", test, then, else: els }),
  seq: (es: Node[]): Node => (es.length === 1 ? es[0] : { k: "seq", es }),
  call: (fn: Node, args: Node[], pos: SourcePos | null): Call => ({ k: "call", fn, args, pos }),
  let: (vars: Var[], inits: Node[], body: Node): Let => ({ k: "let", vars, inits, body }),
  letrec: (vars: Var[], inits: Node[], body: Node): Letrec => ({ k: "letrec", vars, inits, body }),
  receive: (vars: Var[], rest: Var | null, producer: Node, body: Node, who: Value, pos: SourcePos | null): Receive =>
    ({ k: "receive", vars, rest, producer, body, who, pos }),
  lambda: (params: Var[], rest: Var | null, body: Node, name: string, pos: SourcePos | null): Lambda =>
    ({ k: "lambda", params, rest, body, name, pos, free: [], parent: null }),
  caseLambda: (clauses: Lambda[], name: string): CaseLambda => ({ k: "case-lambda", clauses, name }),
};

/** The children of a node, in evaluation order. */
export function children(n: Node): Node[] {
  switch (n.k) {
    case "const": case "lref": case "gref": return [];
    case "lset": case "gset": return [n.e];
    case "if": return [n.test, n.then, n.else];
    case "seq": return n.es;
    case "call": return [n.fn, ...n.args];
    case "let": case "letrec": return [...n.inits, n.body];
    case "receive": return [n.producer, n.body];
    case "lambda": return [n.body];
    case "case-lambda": return n.clauses;
  }
}

/** How deeply nodes nest under `root` (iterative: any depth). */
export function irDepth(root: Node): number {
  let deepest = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > deepest) deepest = d;
    for (const c of children(n)) stack.push([c, d + 1]);
  }
  return deepest;
}
