// The core special forms (R7RS 4.1, 4.2.2 let/letrec, 4.3 macros, 5.3-5.4 definitions) and the
// core environment that binds them. Everything else is a macro over these (derived.ts, and the
// Scheme prelude for guard, parameterize and promises).

import { Pair, NIL, Value, UNSPECIFIED, listToArray, MString } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf } from "../reader/source-map.js";
import { Env, SpecialHandler, baseSymbol, isIdentifier, lookupOrCreate, stripSyntax, S, Identifier } from "./environment.js";
import { Expander, nameLambda, parseFormals } from "./expander.js";
import { Lambda, Node, Var, ir } from "../compiler/ir.js";
import { syntaxError, SyntaxError } from "./errors.js";
import { checkAcyclic } from "./acyclic.js";
import { markConstant } from "../runtime/constants.js";

function parts(form: Pair, pos: SourcePos | null, who: string): Value[] {
  const xs = listToArray(form);
  if (xs === null) syntaxError(pos, `${who}: improper form`, form);
  return xs;
}

/** Parse `((name init) ...)`, checking shape. */
function bindingList(x: Value, pos: SourcePos | null, who: string): [Identifier, Value][] {
  const bs = listToArray(x);
  if (bs === null) syntaxError(pos, `${who}: expected a list of bindings`, x);
  return bs.map((b) => {
    const kv = listToArray(b);
    if (kv === null || kv.length !== 2 || !isIdentifier(kv[0])) {
      syntaxError(positionOf(b) ?? pos, `${who}: expected a binding (name value)`, b);
    }
    return [kv[0], kv[1]] as [Identifier, Value];
  });
}

export function installCoreForms(env: Env, ex: Expander): void {
  const special = (name: string, handler: SpecialHandler): void => {
    env.define(S(name), { kind: "special", name, handler });
  };
  for (const aux of ["else", "=>", "...", "_", "unquote", "unquote-splicing"]) {
    env.define(S(aux), { kind: "aux", name: aux });
  }

  special("quote", (form, _env, pos) => {
    const xs = parts(form, pos, "quote");
    if (xs.length !== 2) syntaxError(pos, "quote: expected (quote datum)", form);
    return ir.const(markConstant(stripSyntax(xs[1])));
  });

  special("if", (form, env, pos) => {
    const xs = parts(form, pos, "if");
    if (xs.length !== 3 && xs.length !== 4) syntaxError(pos, "if: expected (if test consequent [alternate])", form);
    return ir.if(ex.expand(xs[1], env, pos), ex.expand(xs[2], env, pos),
      xs.length === 4 ? ex.expand(xs[3], env, pos) : ir.const(UNSPECIFIED));
  });

  special("lambda", (form, env, pos) => {
    const xs = parts(form, pos, "lambda");
    if (xs.length < 3) syntaxError(pos, "lambda: expected (lambda formals body ...)", form);
    const body = xs.slice(2);
    const { node, scope } = ex.lambdaHead(xs[1], body, env, pos, "");
    node.body = ex.expandBody(body, scope, pos);
    return node;
  });

  special("set!", (form, env, pos) => {
    const xs = parts(form, pos, "set!");
    if (xs.length !== 3 || !isIdentifier(xs[1])) syntaxError(pos, "set!: expected (set! variable expression)", form);
    const b = lookupOrCreate(xs[1], env);
    const value = ex.expand(xs[2], env, pos);
    if (b.kind === "local") { b.v.assigned = true; return ir.lset(b.v, value); }
    if (b.kind === "global") {
      if (env.top().immutable) syntaxError(pos, `set!: ${baseSymbol(xs[1]).name}: the environment is immutable`, form);
      return ir.gset(b.cell, value, false, pos);
    }
    return syntaxError(pos, `set!: ${baseSymbol(xs[1]).name} is a syntax keyword, not a variable`, form);
  });

  special("define", (form, _env, pos) =>
    syntaxError(pos, "define: not allowed in an expression context", form));
  special("define-values", (form, _env, pos) =>
    syntaxError(pos, "define-values: not allowed in an expression context", form));
  special("define-syntax", (form, _env, pos) =>
    syntaxError(pos, "define-syntax: not allowed in an expression context", form));
  special("syntax-rules", (form, _env, pos) =>
    syntaxError(pos, "syntax-rules: only valid as a macro transformer", form));
  special("er-macro-transformer", (form, _env, pos) =>
    syntaxError(pos, "er-macro-transformer: not supported", form));

  // R7RS 4.3.3: report an error at expansion time, e.g. from a syntax-rules template.
  special("syntax-error", (form, _env, pos) => {
    const xs = parts(form, pos, "syntax-error");
    const msg = xs[1] instanceof MString ? xs[1].toString() : "syntax error";
    throw new SyntaxError(msg, pos, undefined, listFromArray(xs.slice(2).map(stripSyntax)));
  });

  special("begin", (form, env, pos) => ex.expandSeq(parts(form, pos, "begin").slice(1), env, pos));

  special("let", (form, env, pos) => {
    const xs = parts(form, pos, "let");
    if (xs.length >= 3 && isIdentifier(xs[1])) return namedLet(ex, xs, env, pos);
    if (xs.length < 3) syntaxError(pos, "let: expected (let ((name value) ...) body ...)", form);
    const bs = bindingList(xs[1], pos, "let");
    const scope = new Env(env);
    const vars: Var[] = [], inits: Node[] = [];
    const seen = new Set<Identifier>();
    for (const [id, init] of bs) {
      if (seen.has(id)) syntaxError(pos, `let: duplicate binding ${baseSymbol(id).name}`, form);
      seen.add(id);
      const v = new Var(baseSymbol(id).name);
      const n = ex.expand(init, env, pos);
      nameLambda(n, v.name);
      vars.push(v); inits.push(n);
      scope.define(id, { kind: "local", v });
    }
    return ir.let(vars, inits, ex.expandBody(xs.slice(2), scope, pos));
  });

  // (%receive formals expr body ...): what let-values, let*-values and SRFI 8's receive become
  // (derived.ts). The values of expr bound to the formals, no closure made (ir.ts, Receive).
  special("%receive", (form, env, pos) => {
    const xs = parts(form, pos, "let-values");
    if (xs.length < 4) syntaxError(pos, "let-values: expected (let-values ((formals expression)) body ...)", form);
    const { ids, rest } = parseFormals(xs[1], pos, "let-values");
    const producer = ex.expand(xs[2], env, pos);
    const scope = new Env(env);
    const bind = (id: Identifier): Var => {
      const v = new Var(baseSymbol(id).name);
      scope.define(id, { kind: "local", v });
      return v;
    };
    const vars = ids.map(bind), restVar = rest === null ? null : bind(rest);
    return ir.receive(vars, restVar, producer, ex.expandBody(xs.slice(3), scope, pos), S("let-values"), pos);
  });

  const letrec = (who: string): SpecialHandler => (form, env, pos) => {
    const xs = parts(form, pos, who);
    if (xs.length < 3) syntaxError(pos, `${who}: expected (${who} ((name value) ...) body ...)`, form);
    const bs = bindingList(xs[1], pos, who);
    const scope = new Env(env);
    const vars = bs.map(([id]) => {
      const v = new Var(baseSymbol(id).name);
      scope.define(id, { kind: "local", v });
      return v;
    });
    const inits = bs.map(([, init], i) => {
      const n = ex.expand(init, scope, pos);
      nameLambda(n, vars[i].name);
      return n;
    });
    return ir.letrec(vars, inits, ex.expandBody(xs.slice(2), scope, pos));
  };
  special("letrec", letrec("letrec"));
  special("letrec*", letrec("letrec*"));

  const letSyntax = (who: string, recursive: boolean): SpecialHandler => (form, env, pos) => {
    const xs = parts(form, pos, who);
    if (xs.length < 2) syntaxError(pos, `${who}: expected (${who} ((keyword transformer) ...) body ...)`, form);
    const scope = new Env(env);
    for (const [id, spec] of bindingList(xs[1], pos, who)) {
      scope.define(id, ex.transformerBinding(spec, recursive ? scope : env, pos));
    }
    return ex.expandBody(xs.slice(2), scope, pos);
  };
  special("let-syntax", letSyntax("let-syntax", false));
  special("letrec-syntax", letSyntax("letrec-syntax", true));

  special("case-lambda", (form, env, pos) => {
    const xs = parts(form, pos, "case-lambda");
    const clauses: Lambda[] = xs.slice(1).map((c) => {
      const cp = positionOf(c) ?? pos;
      if (!(c instanceof Pair)) syntaxError(cp, "case-lambda: expected (formals body ...)", c);
      const body = listToArray(c.cdr);
      if (body === null || body.length === 0) syntaxError(cp, "case-lambda: clause needs a body", c);
      return ex.lambda(c.car, body, env, cp, "");
    });
    return ir.caseLambda(clauses, "");
  });

  const include = (foldCase: boolean): SpecialHandler => (form, env, pos) => {
    const xs = parts(form, pos, "include");
    const datums: Value[] = [];
    for (const f of xs.slice(1)) {
      if (!(f instanceof MString)) syntaxError(pos, "include: expected file name strings", form);
      const from = pos?.file ?? null;
      const got = ex.host.readInclude?.(f.toString(), from) ?? null;
      if (got === null) syntaxError(pos, `include: cannot read file "${f.toString()}"`);
      const text = foldCase ? "#!fold-case\n" + got.text : got.text;
      for (const d of ex.host.readAll(text, got.path)) { checkAcyclic(d, positionOf(d) ?? pos); datums.push(d); }
    }
    return new Pair(ex.coreAlias("begin"), listFromArray(datums));
  };
  // include splices its forms as a `begin`, so definitions inside reach the enclosing body.
  env.define(S("include"), { kind: "macro", transform: (f, e, p) => include(false)(f as Pair, e, p) });
  env.define(S("include-ci"), { kind: "macro", transform: (f, e, p) => include(true)(f as Pair, e, p) });

  ex.core = env;
}

function listFromArray(xs: Value[]): Value {
  let r: Value = NIL;
  for (let i = xs.length - 1; i >= 0; i--) r = new Pair(xs[i], r);
  return r;
}

/** `(let name ((v init) ...) body ...)` = `((letrec ((name (lambda (v ...) body ...))) name) init ...)`. */
function namedLet(ex: Expander, xs: Value[], env: Env, pos: SourcePos | null): Node {
  const name = xs[1] as Identifier;
  const bs = bindingList(xs[2], pos, "let");
  if (xs.length < 4) syntaxError(pos, "let: named let needs a body");
  const inits = bs.map(([, init]) => ex.expand(init, env, pos));
  const scope = new Env(env);
  const loopVar = new Var(baseSymbol(name).name);
  scope.define(name, { kind: "local", v: loopVar });
  let formals: Value = NIL;
  for (let i = bs.length - 1; i >= 0; i--) formals = new Pair(bs[i][0], formals);
  const lam = ex.lambda(formals, xs.slice(3), scope, pos, loopVar.name);
  return ir.letrec([loopVar], [lam], ir.call(ir.lref(loopVar), inits, pos));
}
