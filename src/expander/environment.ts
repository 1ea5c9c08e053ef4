// Compile-time environments and identifiers.
//
// Hygiene follows the renaming idea of syntactic closures / explicit renaming (Bawden & Rees
// 1988; Clinger 1991): each macro expansion replaces the symbols its template introduces with
// fresh `Alias` objects that remember the environment of the macro's definition. A binding
// form binds the identifier object itself (symbol or alias), so an alias can only be captured
// by a binding the same expansion introduced; an alias that nothing in between binds resolves
// to what its symbol meant where the macro was defined.

import { Sym, Value, Pair, intern, UNBOUND } from "../runtime/values.js";
import { Var } from "../compiler/ir.js";
import { SourcePos } from "../bytecode/code.js";

/** A global variable: one cell per top-level binding, shared by every environment importing it. */
export class Cell {
  /** Set when the compiler emitted an inline fast path relying on this cell's builtin value. */
  inlined = false;
  constructor(public value: Value, readonly name: Sym) {}
}

/** An identifier introduced by a macro expansion. */
export class Alias {
  private static counter = 0;
  readonly id = ++Alias.counter;
  constructor(readonly name: Identifier, readonly env: Env) {}
  get base(): Sym { return baseSymbol(this); }
}
export type Identifier = Sym | Alias;

export function isIdentifier(x: Value): x is Identifier { return x instanceof Sym || x instanceof Alias; }
export function baseSymbol(id: Identifier): Sym {
  let x: Identifier = id;
  while (x instanceof Alias) x = x.name;
  return x;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SpecialHandler = (form: Pair, env: Env, pos: SourcePos | null) => any;
/** A procedural macro: takes the whole form and the use-site environment, returns a new form. */
export type Transformer = (form: Value, useEnv: Env, pos: SourcePos | null) => Value;

export type Binding =
  | { readonly kind: "local"; readonly v: Var }
  | { readonly kind: "global"; readonly cell: Cell }
  | { readonly kind: "macro"; readonly transform: Transformer }
  | { readonly kind: "special"; readonly name: string; readonly handler: SpecialHandler }
  /** Auxiliary syntax: `else`, `=>`, `...`, `_`, `unquote`: recognized by binding, usable nowhere else. */
  | { readonly kind: "aux"; readonly name: string };

/**
 * A scope. The outermost scope of a chain is a top-level environment (`topLevel` true), whose
 * unbound symbols get fresh cells on first reference so later definitions can fill them.
 */
export class Env {
  readonly map = new Map<Identifier, Binding>();
  /** Where a top-level environment imports unbound names from (the builtins). */
  fallback: Env | null = null;
  /** An environment from `environment` (R7RS 6.12): its bindings cannot be defined or assigned. */
  immutable = false;
  /** The top-level environment at the end of this scope's chain (itself for a top level). */
  readonly root: Env;
  /**
   * The identifiers that some local scope of this chain binds (one set per chain, shared by
   * all its scopes). An identifier not in it is bound by no local scope, so `lookup` goes
   * straight to the top level instead of walking every scope: otherwise looking up `if` or
   * `let` inside n nested scopes costs n, and 10^5 nested `let*` bindings take minutes.
   */
  private readonly localIds: WeakSet<Identifier>;
  constructor(readonly parent: Env | null, readonly topLevel = false, readonly name = "") {
    this.root = parent ? parent.root : this;
    this.localIds = parent ? parent.localIds : new WeakSet();
  }

  define(id: Identifier, b: Binding): void {
    this.map.set(id, b);
    if (!this.topLevel) this.localIds.add(id);
  }

  /** Whether some local scope of this chain may bind `id` (false: only the top level can). */
  mayBindLocally(id: Identifier): boolean { return this.localIds.has(id); }

  top(): Env {
    let e: Env = this;
    while (e.parent) e = e.parent;
    return e;
  }
}

/** What an identifier means in an environment; null when it is a free top-level name nowhere bound. */
export function lookup(id: Identifier, env: Env): Binding | null {
  for (let e: Env | null = env.mayBindLocally(id) ? env : env.root; e; e = e.parent) {
    const b = e.map.get(id);
    if (b !== undefined) return b;
    if (e.topLevel) {
      if (id instanceof Alias) return lookup(id.name, id.env);
      for (let f = e.fallback; f; f = f.fallback) {
        const fb = f.map.get(id);
        if (fb !== undefined) return fb;
      }
      return null;
    }
  }
  return null;
}

/** The binding of a variable reference, creating the global cell of a not-yet-defined name. */
export function lookupOrCreate(id: Identifier, env: Env): Binding {
  const b = lookup(id, env);
  if (b) return b;
  // Free: a global of the top level where the identifier's symbol comes from.
  let x: Identifier = id;
  let e: Env = env;
  while (x instanceof Alias) { e = x.env; x = x.name; }
  const top = e.top();
  const cell: Binding = { kind: "global", cell: new Cell(UNBOUND, x) };
  top.map.set(x, cell);
  return cell;
}

/** free-identifier=? : same binding, or both free with the same name. */
export function sameBinding(a: Identifier, aEnv: Env, b: Identifier, bEnv: Env): boolean {
  const ba = lookup(a, aEnv), bb = lookup(b, bEnv);
  if (ba === null || bb === null) return ba === bb && baseSymbol(a) === baseSymbol(b);
  if (ba === bb) return true;
  if (ba.kind === "global" && bb.kind === "global") return ba.cell === bb.cell;
  if (ba.kind === "local" && bb.kind === "local") return ba.v === bb.v;
  if (ba.kind === "aux" && bb.kind === "aux") return ba.name === bb.name;
  if (ba.kind === "special" && bb.kind === "special") return ba.handler === bb.handler;
  return false;
}

/** syntax->datum: replace aliases by their symbols (copying only what contains aliases; cycles kept). */
export function stripSyntax(x: Value): Value {
  const seen = new Map<object, Value>();
  const walk = (v: Value): Value => {
    if (v instanceof Alias) return v.base;
    if (v instanceof Pair) {
      if (seen.has(v)) return seen.get(v);
      if (!containsAlias(v)) return v;
      // Copy the spine iteratively so long lists do not recurse on the JS stack.
      const head = new Pair(null, null);
      seen.set(v, head);
      let src: Value = v, dst = head;
      for (;;) {
        dst.car = walk(src.car);
        const next = src.cdr;
        if (next instanceof Pair && !seen.has(next)) {
          const p = new Pair(null, null);
          seen.set(next, p);
          dst.cdr = p; dst = p; src = next;
        } else { dst.cdr = walk(next); break; }
      }
      return head;
    }
    if (Array.isArray(v)) {
      if (seen.has(v)) return seen.get(v);
      if (!containsAlias(v)) return v;
      const out: Value[] = [];
      seen.set(v, out);
      for (const e of v) out.push(walk(e));
      return out;
    }
    return v;
  };
  return walk(x);
}

function containsAlias(x: Value): boolean {
  const seen = new Set<object>();
  const stack: Value[] = [x];
  while (stack.length) {
    const v = stack.pop();
    if (v instanceof Alias) return true;
    if (v instanceof Pair) {
      if (seen.has(v)) continue;
      seen.add(v);
      stack.push(v.car, v.cdr);
    } else if (Array.isArray(v)) {
      if (seen.has(v)) continue;
      seen.add(v);
      for (const e of v) stack.push(e);
    }
  }
  return false;
}

export const S = (name: string): Sym => intern(name);
