// Derived expression types of R7RS 4.2 written as procedural macros: each rewrites its form into
// core forms. Identifiers they introduce are aliases closed in the core environment
// (`coreAlias`), so a user's local `if` or `t` never captures or is captured by them.
// (guard, parameterize, delay and friends are syntax-rules macros in the Scheme prelude.)

import { Pair, NIL, Value, listToArray, Sym, intern } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf } from "../reader/source-map.js";
import { Alias, Env, Transformer, isIdentifier, sameBinding, S, baseSymbol } from "./environment.js";
import { syntaxError } from "./errors.js";

/** A list of xs (the forms' rewriting builds its output with it). */
export const L = (...xs: Value[]): Value => listFrom(xs);
function listFrom(xs: Value[], tail: Value = NIL): Value {
  let r: Value = tail;
  for (let i = xs.length - 1; i >= 0; i--) r = new Pair(xs[i], r);
  return r;
}
/** The elements of a form, or the syntax error "who: improper form". */
export function items(form: Value, pos: SourcePos | null, who: string): Value[] {
  const xs = listToArray(form);
  if (xs === null) syntaxError(pos, `${who}: improper form`, form);
  return xs;
}
/**
 * Identifiers closed in one runtime's core environment: `A(name)` means what `name` means
 * there whatever the user rebinds, `temp(name)` is a fresh temporary (unique per expansion),
 * `isKeyword(x, env, name)` tells whether x, used in env, means the core's `name`.
 */
interface CoreNames {
  A(name: string): Alias;
  temp(name: string): Alias;
  isKeyword(x: Value, env: Env, name: string): boolean;
}
function coreNames(core: Env): CoreNames {
  return {
    A: (name) => new Alias(intern(name), core),
    temp: (name) => new Alias(intern(name), core),
    isKeyword: (x, env, name) => isIdentifier(x) && sameBinding(x, env, S(name), core),
  };
}

/** Features for cond-expand (R7RS 4.2.1, appendix B). */
export const FEATURES = ["r7rs", "exact-closed", "exact-complex", "complex", "ratios", "full-unicode", "kiln", "javascript"];

export function installDerivedForms(env: Env, knownLibrary: (name: Value) => boolean): void {
  const macro = (name: string, t: Transformer): void => env.define(S(name), { kind: "macro", transform: t });
  const names = coreNames(env);
  const { A, temp, isKeyword } = names;

  // or, and, cond, case and let* are special forms (flat-forms.ts): they expand their operands
  // in a loop instead of rewriting into forms nested one level per operand.

  macro("when", (form, _env, pos) => {
    const xs = items(form, pos, "when");
    if (xs.length < 3) syntaxError(pos, "when: expected (when test expression ...)", form);
    return L(A("if"), xs[1], L(A("begin"), ...xs.slice(2)));
  });
  macro("unless", (form, _env, pos) => {
    const xs = items(form, pos, "unless");
    if (xs.length < 3) syntaxError(pos, "unless: expected (unless test expression ...)", form);
    return L(A("if"), xs[1], L(A("begin")), L(A("begin"), ...xs.slice(2)));
  });

  macro("do", (form, _env, pos) => {
    const xs = items(form, pos, "do");
    if (xs.length < 3) syntaxError(pos, "do: expected (do ((var init step) ...) (test expr ...) command ...)", form);
    const specs = items(xs[1], pos, "do").map((s) => {
      const ss = listToArray(s);
      if (ss === null || ss.length < 2 || ss.length > 3 || !isIdentifier(ss[0])) {
        syntaxError(positionOf(s) ?? pos, "do: expected (variable init [step])", s);
      }
      return ss;
    });
    const end = listToArray(xs[2]);
    if (end === null || end.length === 0) syntaxError(pos, "do: expected (test expression ...)", xs[2]);
    const loop = temp("do-loop");
    const steps = specs.map((s) => (s.length === 3 ? s[2] : s[0]));
    return L(A("let"), loop, listFrom(specs.map((s) => L(s[0], s[1]))),
      L(A("if"), end[0],
        L(A("begin"), ...end.slice(1)),
        L(A("begin"), ...xs.slice(3), L(loop, ...steps))));
  });

  // let-values and let*-values (R7RS 4.2.2) become %receive (core-forms.ts): the values are
  // bound without a closure or a call of call-with-values, so a user's own binding or
  // assignment of call-with-values, values or lambda changes nothing.
  macro("let-values", (form, _env, pos) => {
    const xs = items(form, pos, "let-values");
    if (xs.length < 3) syntaxError(pos, "let-values: expected (let-values ((formals expr) ...) body ...)", form);
    const bs = items(xs[1], pos, "let-values").map((b) => {
      const bb = listToArray(b);
      if (bb === null || bb.length !== 2) syntaxError(positionOf(b) ?? pos, "let-values: expected (formals expression)", b);
      return bb;
    });
    if (bs.length === 0) return L(A("let"), NIL, ...xs.slice(2));
    if (bs.length === 1) return L(A("%receive"), bs[0][0], bs[0][1], ...xs.slice(2));
    // Bind every formal to a temporary first, so no init sees another's variables.
    const renames: Value[] = [];
    const layers: [Value, Value][] = bs.map((bb) => {
      const tmps: Value[] = [];
      let f = bb[0];
      while (f instanceof Pair) {
        const t = temp("v"); tmps.push(t); renames.push(L(f.car, t)); f = f.cdr;
      }
      let tail: Value = NIL;
      if (f !== NIL) { const t = temp("rest"); tail = t; renames.push(L(f, t)); }
      return [listFrom(tmps, tail), bb[1]];
    });
    let body: Value = L(A("let"), listFrom(renames), ...xs.slice(2));
    for (let i = layers.length - 1; i >= 0; i--) body = L(A("%receive"), layers[i][0], layers[i][1], body);
    return body;
  });

  macro("let*-values", (form, _env, pos) => {
    const xs = items(form, pos, "let*-values");
    if (xs.length < 3) syntaxError(pos, "let*-values: expected (let*-values ((formals expr) ...) body ...)", form);
    const bs = items(xs[1], pos, "let*-values");
    let out: Value = L(A("let"), NIL, ...xs.slice(2));
    for (let i = bs.length - 1; i >= 0; i--) out = L(A("let-values"), L(bs[i]), out);
    return out;
  });

  macro("quasiquote", (form, useEnv, pos) => {
    const xs = items(form, pos, "quasiquote");
    if (xs.length !== 2) syntaxError(pos, "quasiquote: expected (quasiquote template)", form);
    return quasi(xs[1], 1, useEnv, pos, names);
  });

  macro("define-record-type", (form, _env, pos) => {
    const xs = items(form, pos, "define-record-type");
    if (xs.length < 3) syntaxError(pos, "define-record-type: expected (define-record-type name (constructor field ...) predicate field-spec ...)", form);
    let typeName = xs[1];
    if (typeName instanceof Pair) typeName = typeName.car;  // SRFI 99 style (name parent): parent ignored
    if (!isIdentifier(typeName)) syntaxError(pos, "define-record-type: type name must be an identifier", form);
    const fieldSpecs = xs.slice(4).map((f) => {
      if (isIdentifier(f)) return [f];
      const fs = listToArray(f);
      if (fs === null || fs.length < 1 || !fs.every(isIdentifier)) syntaxError(positionOf(f) ?? pos, "define-record-type: expected (field accessor [modifier])", f);
      return fs;
    });
    const fieldNames = fieldSpecs.map((f) => baseSymbol(f[0]));
    const out: Value[] = [
      L(A("define"), typeName, L(A("%make-record-type"), L(A("quote"), baseSymbol(typeName)), L(A("quote"), listFrom(fieldNames)))),
    ];
    if (xs[2] !== false) {
      if (isIdentifier(xs[2])) {
        out.push(L(A("define"), xs[2], L(A("%record-constructor"), typeName, L(A("quote"), listFrom(fieldNames)))));
      } else {
        const cs = listToArray(xs[2]);
        if (cs === null || cs.length < 1 || !cs.every(isIdentifier)) syntaxError(pos, "define-record-type: expected (constructor field ...)", xs[2]);
        for (const f of cs.slice(1)) {
          if (!fieldNames.includes(baseSymbol(f as Sym))) syntaxError(pos, `define-record-type: constructor field ${baseSymbol(f as Sym).name} is not a field`, xs[2]);
        }
        out.push(L(A("define"), cs[0], L(A("%record-constructor"), typeName, L(A("quote"), listFrom(cs.slice(1).map((c) => baseSymbol(c as Sym)))))));
      }
    }
    if (isIdentifier(xs[3])) out.push(L(A("define"), xs[3], L(A("%record-predicate"), typeName)));
    for (const f of fieldSpecs) {
      const fname = L(A("quote"), baseSymbol(f[0]));
      if (f.length >= 2) out.push(L(A("define"), f[1], L(A("%record-accessor"), typeName, fname)));
      if (f.length >= 3) out.push(L(A("define"), f[2], L(A("%record-modifier"), typeName, fname)));
    }
    return L(A("begin"), ...out);
  });

  macro("cond-expand", (form, useEnv, pos) => {
    const clauses = items(form, pos, "cond-expand").slice(1);
    const isElse = (x: Value): boolean => isKeyword(x, useEnv, "else");
    for (const c of clauses) {
      if (!(c instanceof Pair)) syntaxError(pos, "cond-expand: expected (requirement body ...)", c);
      if (featureRequirement(c.car, isElse, knownLibrary, positionOf(c) ?? pos)) return new Pair(A("begin"), c.cdr);
    }
    return L(A("begin"));
  });
  // `import` and `define-library` are installed by libraries.ts.
}

/**
 * Whether a cond-expand feature requirement holds (R7RS 4.2.1): a feature identifier, `else`
 * (as `isElse` recognizes it), `(library name)`, or `and`/`or`/`not` of requirements. Shared
 * by the cond-expand expression and the cond-expand library declaration.
 */
export function featureRequirement(req: Value, isElse: (x: Value) => boolean,
  knownLibrary: (name: Value) => boolean, pos: SourcePos | null): boolean {
  const test = (r: Value): boolean => {
    if (isIdentifier(r)) return isElse(r) || FEATURES.includes(baseSymbol(r).name);
    const rs = listToArray(r);
    if (rs === null || rs.length === 0 || !isIdentifier(rs[0])) syntaxError(pos, "cond-expand: bad feature requirement", r);
    const op = baseSymbol(rs[0]).name;
    if (op === "and") return rs.slice(1).every(test);
    if (op === "or") return rs.slice(1).some(test);
    if (op === "not" && rs.length === 2) return !test(rs[1]);
    if (op === "library" && rs.length === 2) return knownLibrary(rs[1]);
    return syntaxError(pos, `cond-expand: bad requirement (${op} ...)`, r);
  };
  return test(req);
}

/** Quasiquote at nesting `depth` (R7RS 4.2.8), producing list/cons/append/list->vector calls. */
function quasi(x: Value, depth: number, env: Env, pos: SourcePos | null, names: CoreNames): Value {
  const { A, isKeyword } = names;
  const tagged = (p: Value, name: string): boolean =>
    p instanceof Pair && isKeyword(p.car, env, name) && p.cdr instanceof Pair && p.cdr.cdr === NIL;
  // Inside a nested level the operand list of unquote (or quasiquote) is itself a template one
  // level down, so `(a `(b ,,@v)) splices v into the inner unquote: (unquote x y).
  if (tagged(x, "unquote")) {
    if (depth === 1) return x.cdr.car;
    return L(A("cons"), L(A("quote"), S("unquote")), quasi(x.cdr, depth - 1, env, pos, names));
  }
  if (tagged(x, "quasiquote")) {
    return L(A("cons"), L(A("quote"), S("quasiquote")), quasi(x.cdr, depth + 1, env, pos, names));
  }
  if (x instanceof Pair) {
    // A list template becomes one flat (append (list e ...) spliced ... tail): walked along its
    // spine, not recursively, so a template of 10^6 elements expands in constant JS stack.
    const segments: Value[] = [];
    let run: Value[] = [];
    const endRun = (): void => {
      for (let i = 0; i < run.length; i += 256) segments.push(L(A("list"), ...run.slice(i, i + 256)));
      run = [];
    };
    let p: Value = x;
    for (; p instanceof Pair && !tagged(p, "unquote") && !tagged(p, "quasiquote"); p = p.cdr) {
      const item = p.car;
      if (tagged(item, "unquote-splicing")) {
        if (depth === 1) { endRun(); segments.push(item.cdr.car); continue; }
        run.push(L(A("cons"), L(A("quote"), S("unquote-splicing")), quasi(item.cdr, depth - 1, env, pos, names)));
      } else run.push(quasi(item, depth, env, pos, names));
    }
    if (p === NIL && segments.length === 0 && run.length <= 256) return L(A("list"), ...run);
    endRun();
    return L(A("append"), ...segments, quasi(p, depth, env, pos, names));
  }
  if (Array.isArray(x)) {
    return L(A("list->vector"), quasi(listFrom(x), depth, env, pos, names));
  }
  if (isIdentifier(x) || x === NIL) return L(A("quote"), x);
  return x;
}
