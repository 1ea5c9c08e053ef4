// Derived forms whose operands are a flat list in the source but whose core form nests one
// level per operand: or, and, cond, case (R7RS 4.2.1) and let* (4.2.2).
//
// Input: the form, its environment and position (a special form's handler). Output: exactly the
// core IR the macro rewriting of R7RS 7.3 gives (a let and an if per `or` operand, an if per
// `and` operand or cond/case clause, a let per let* binding), with the same errors, positions
// and lambda names. The operands are expanded one after another in a loop and the nested IR is
// built bottom-up, so 10^6 operands take constant JS stack in the expander. (The compiler's
// passes walk such chains with an explicit stack: analyze.ts, warnings.ts, codegen.ts.)

import { NIL, Value, UNSPECIFIED, listToArray, Sym, intern } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf } from "../reader/source-map.js";
import { Alias, Env, S, SpecialHandler, baseSymbol, isIdentifier, sameBinding } from "./environment.js";
import { Expander, nameLambda } from "./expander.js";
import { Node, Var, ir } from "../compiler/ir.js";
import { syntaxError } from "./errors.js";
import { L, items } from "./derived.js";


/** A let-bound temporary (`let` names a lambda init after its variable, so these do too). */
function temp(name: string, init: Node): Var {
  nameLambda(init, name);
  return new Var(name);
}

export function installFlatForms(env: Env, ex: Expander): void {
  const special = (name: string, handler: SpecialHandler): void => {
    env.define(S(name), { kind: "special", name, handler });
  };
  const A = (name: string): Alias => new Alias(intern(name), env);
  const isKeyword = (x: Value, useEnv: Env, name: string): boolean => isIdentifier(x) && sameBinding(x, useEnv, S(name), env);

  // (or) = #f, (or e) = e, (or e1 e2 ...) = (let ((x e1)) (if x x (or e2 ...))).
  special("or", (form, useEnv, pos) => {
    const xs = items(form, pos, "or");
    if (xs.length === 1) return ir.const(false);
    const es = xs.slice(1).map((x) => ex.expand(x, useEnv, pos));
    let out = es[es.length - 1];
    for (let i = es.length - 2; i >= 0; i--) {
      const t = temp("x", es[i]);
      out = ir.let([t], [es[i]], ir.if(ir.lref(t), ir.lref(t), out));
    }
    return out;
  });

  // (and) = #t, (and e) = e, (and e1 e2 ...) = (if e1 (and e2 ...) #f).
  special("and", (form, useEnv, pos) => {
    const xs = items(form, pos, "and");
    if (xs.length === 1) return ir.const(true);
    const es = xs.slice(1).map((x) => ex.expand(x, useEnv, pos));
    let out = es[es.length - 1];
    for (let i = es.length - 2; i >= 0; i--) out = ir.if(es[i], out, ir.const(false));
    return out;
  });

  // Each let of a let* is expanded in the scope of the ones before it; the body in the last.
  special("let*", (form, useEnv, pos) => {
    const xs = items(form, pos, "let*");
    if (xs.length < 3) syntaxError(pos, "let*: expected (let* ((name value) ...) body ...)", form);
    const bs = items(xs[1], pos, "let*");
    const vars: Var[] = [], inits: Node[] = [];
    let scope = useEnv;
    for (const b of bs) {
      const kv = listToArray(b);
      if (kv === null || kv.length !== 2 || !isIdentifier(kv[0])) {
        syntaxError(positionOf(b) ?? pos, "let: expected a binding (name value)", b);
      }
      const init = ex.expand(kv[1], scope, pos);
      const v = temp(baseSymbol(kv[0]).name, init);
      scope = new Env(scope);
      scope.define(kv[0], { kind: "local", v });
      vars.push(v); inits.push(init);
    }
    if (bs.length === 0) scope = new Env(scope);
    let out = ex.expandBody(xs.slice(2), scope, pos);
    if (bs.length === 0) return ir.let([], [], out);
    for (let i = bs.length - 1; i >= 0; i--) out = ir.let([vars[i]], [inits[i]], out);
    return out;
  });

  // A clause of cond or case, once checked: what its test and its body expand to.
  type Clause =
    | { kind: "if"; test: Value; body: Value[] }          // (if test (begin body ...) rest)
    | { kind: "=>"; test: Value; receiver: Value }        // (let ((t test)) (if t (receiver t) rest))
    | { kind: "test"; test: Value }                       // (let ((t test)) (if t t rest))
    | { kind: "else"; body: Value[] };                    // (begin body ...)

  /** Expand checked clauses left to right, then nest them bottom-up. */
  const chain = (clauses: Clause[], useEnv: Env, pos: SourcePos | null): Node => {
    const tests: Node[] = [], bodies: Node[] = [];
    for (const c of clauses) {
      switch (c.kind) {
        case "if": tests.push(ex.expand(c.test, useEnv, pos)); bodies.push(ex.expandSeq(c.body, useEnv, pos)); break;
        case "=>": tests.push(ex.expand(c.test, useEnv, pos)); bodies.push(ex.expand(c.receiver, useEnv, pos)); break;
        case "test": tests.push(ex.expand(c.test, useEnv, pos)); bodies.push(ir.const(UNSPECIFIED)); break;
        case "else": tests.push(ir.const(UNSPECIFIED)); bodies.push(ex.expandSeq(c.body, useEnv, pos)); break;
      }
    }
    let out: Node = ir.const(UNSPECIFIED);
    for (let i = clauses.length - 1; i >= 0; i--) {
      const c = clauses[i];
      if (c.kind === "else") out = bodies[i];
      else if (c.kind === "if") out = ir.if(tests[i], bodies[i], out);
      else {
        const t = temp("t", tests[i]);
        const then = c.kind === "=>" ? ir.call(bodies[i], [ir.lref(t)], pos) : ir.lref(t);
        out = ir.let([t], [tests[i]], ir.if(ir.lref(t), then, out));
      }
    }
    return out;
  };

  special("cond", (form, useEnv, pos) => {
    const cs = items(form, pos, "cond").slice(1);
    const clauses: Clause[] = new Array(cs.length);
    // Checked last to first, as the rewriting does, so the same error comes first.
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      const cp = positionOf(c) ?? pos;
      const parts = listToArray(c);
      if (parts === null || parts.length === 0) syntaxError(cp, "cond: expected (test expression ...)", c);
      if (isKeyword(parts[0], useEnv, "else")) {
        if (i !== cs.length - 1) syntaxError(cp, "cond: else must be the last clause", c);
        clauses[i] = { kind: "else", body: parts.slice(1) };
      } else if (parts.length >= 2 && isKeyword(parts[1], useEnv, "=>")) {
        if (parts.length !== 3) syntaxError(cp, "cond: expected (test => receiver)", c);
        clauses[i] = { kind: "=>", test: parts[0], receiver: parts[2] };
      } else if (parts.length === 1) clauses[i] = { kind: "test", test: parts[0] };
      else clauses[i] = { kind: "if", test: parts[0], body: parts.slice(1) };
    }
    return chain(clauses, useEnv, pos);
  });

  /** A case datum that eqv? compares by identity. */
  const isEqDatum = (d: Value): boolean =>
    (d instanceof Sym && d.interned) || typeof d === "boolean" || d === NIL || (typeof d === "number" && Number.isSafeInteger(d));

  // (case k clause ...) = (let ((key k)) (if test (begin body ...) ...)), each test comparing
  // `key` with the clause's data; the tests and bodies are expanded where `key` is bound.
  special("case", (form, useEnv, pos) => {
    const xs = items(form, pos, "case");
    if (xs.length < 2) syntaxError(pos, "case: expected (case key clause ...)", form);
    const keyId = A("key");
    const cs = xs.slice(2);
    const clauses: Clause[] = new Array(cs.length);
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      const cp = positionOf(c) ?? pos;
      const parts = listToArray(c);
      if (parts === null || parts.length < 2) syntaxError(cp, "case: expected ((datum ...) expression ...)", c);
      const arrow = parts.length === 3 && isKeyword(parts[1], useEnv, "=>");
      const body = arrow ? [L(parts[2], keyId)] : parts.slice(1);
      if (isKeyword(parts[0], useEnv, "else")) {
        if (i !== cs.length - 1) syntaxError(cp, "case: else must be the last clause", c);
        clauses[i] = { kind: "else", body: arrow ? body : [L(A("begin"), ...body)] };
      } else {
        const data = listToArray(parts[0]);
        if (data === null) syntaxError(cp, "case: expected a list of data", c);
        // Symbols, booleans, '() and fixnums are eqv? exactly when eq?, which compiles inline.
        const test = data.length >= 1 && data.length <= 8 && data.every(isEqDatum)
          ? data.slice(0, -1).reduceRight((rest: Value, d: Value) => L(A("if"), L(A("eq?"), keyId, L(A("quote"), d)), true, rest),
            L(A("eq?"), keyId, L(A("quote"), data[data.length - 1])))
          : data.length === 1
          ? L(A("eqv?"), keyId, L(A("quote"), data[0]))
          : L(A("memv"), keyId, L(A("quote"), parts[0]));
        clauses[i] = { kind: "if", test, body: arrow ? body : [L(A("begin"), ...body)] };
      }
    }
    const init = ex.expand(xs[1], useEnv, pos);
    const key = temp("key", init);
    const scope = new Env(useEnv);
    scope.define(keyId, { kind: "local", v: key });
    return ir.let([key], [init], chain(clauses, scope, pos));
  });
}
