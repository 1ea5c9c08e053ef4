// syntax-rules (R7RS 4.3.2): pattern matching and template instantiation, hygienic by renaming.
//
// Each expansion renames every symbol the template introduces to a fresh Alias closed over the
// macro's definition environment (one alias per symbol per expansion, so an introduced binding
// and its introduced references agree). Literals and `_` / `...` are recognized by binding
// (free-identifier=?), as R7RS requires.

import { Pair, NIL, Value, listToArray } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf } from "../reader/source-map.js";
import { Alias, Env, Identifier, baseSymbol, isIdentifier, lookup, sameBinding, S } from "./environment.js";
import { equal } from "../runtime/equivalence.js";
import { Expander } from "./expander.js";
import { syntaxError } from "./errors.js";

/** What a pattern variable matched: a form at depth 0, an array of matches per ellipsis level. */
type Match = Value | MatchSeq;
class MatchSeq { constructor(readonly items: Match[]) {} }

interface Rules {
  /** null when the default `...` is bound as a variable where the macro is defined: then it is
   * an ordinary identifier in the rules (R7RS 4.3.2: ellipses are recognized by binding). */
  ellipsis: Identifier | null;
  literals: Identifier[];
  rules: [Value, Value][];
  env: Env;
}

export function installSyntaxRules(ex: Expander): void {
  ex.makeSyntaxRules = (spec, env, pos) => {
    const xs = listToArray(spec);
    if (xs === null || xs.length < 2) syntaxError(pos, "syntax-rules: expected (syntax-rules (literal ...) (pattern template) ...)", spec);
    let i = 1;
    let ellipsis: Identifier | null = S("...");
    if (isIdentifier(xs[1])) { ellipsis = xs[1]; i = 2; }
    else if (lookup(ellipsis, env)?.kind === "local" || lookup(ellipsis, env)?.kind === "global") ellipsis = null;
    const lits = listToArray(xs[i]);
    if (lits === null || !lits.every(isIdentifier)) syntaxError(pos, "syntax-rules: literals must be a list of identifiers", xs[i]);
    const rules: [Value, Value][] = xs.slice(i + 1).map((r) => {
      const rp = listToArray(r);
      if (rp === null || rp.length !== 2 || !(rp[0] instanceof Pair)) {
        syntaxError(positionOf(r) ?? pos, "syntax-rules: each rule must be (pattern template)", r);
      }
      return [rp[0], rp[1]];
    });
    const R: Rules = { ellipsis, literals: lits as Identifier[], rules, env };
    return (form, useEnv, usePos) => expandRules(R, form, useEnv, usePos);
  };
}

function expandRules(R: Rules, form: Value, useEnv: Env, pos: SourcePos | null): Value {
  for (const [pattern, template] of R.rules) {
    const b = new Map<Identifier, Match>();
    // The keyword position of the pattern is ignored (R7RS 4.3.2).
    if (match(R, (pattern as Pair).cdr, (form as Pair).cdr, useEnv, b)) {
      return instantiate(R, template, b, new Map(), pos);
    }
  }
  const name = form instanceof Pair && isIdentifier(form.car) ? baseSymbol(form.car).name : "macro";
  return syntaxError(pos, `${name}: no syntax rule matches this use`, form);
}

/** The ellipsis, unless the literals list names it (then it matches itself, R7RS 4.3.2). */
function isEllipsis(R: Rules, x: Value): boolean {
  return R.ellipsis !== null && isIdentifier(x) && (x === R.ellipsis || baseSymbol(x) === baseSymbol(R.ellipsis)) &&
    !R.literals.some((l) => baseSymbol(l) === baseSymbol(x));
}
function isUnderscore(R: Rules, x: Value): boolean {
  return isIdentifier(x) && baseSymbol(x).name === "_" && !R.literals.includes(x);
}

function match(R: Rules, pat: Value, form: Value, useEnv: Env, b: Map<Identifier, Match>): boolean {
  if (isIdentifier(pat)) {
    if (isUnderscore(R, pat)) return true;
    if (R.literals.includes(pat)) {
      return isIdentifier(form) && sameBinding(form, useEnv, pat, R.env);
    }
    b.set(pat, form);
    return true;
  }
  if (pat instanceof Pair) {
    // Split the pattern list into: before-ellipsis, the repeated element, after, and a tail.
    const elems: Value[] = [];
    let p: Value = pat;
    while (p instanceof Pair) { elems.push(p.car); p = p.cdr; }
    const tailPat = p;
    const ei = elems.findIndex((e, i) => i > 0 && isEllipsis(R, e));
    if (ei < 0) {
      let f = form;
      for (const e of elems) {
        if (!(f instanceof Pair)) return false;
        if (!match(R, e, f.car, useEnv, b)) return false;
        f = f.cdr;
      }
      return match(R, tailPat, f, useEnv, b);
    }
    const before = elems.slice(0, ei - 1), rep = elems[ei - 1], after = elems.slice(ei + 1);
    const items: Value[] = [];
    let f = form;
    while (f instanceof Pair) { items.push(f.car); f = f.cdr; }
    // With a non-list tail pattern, the tail matches what remains after the list elements.
    const nRep = items.length - before.length - after.length;
    if (nRep < 0) return false;
    if (tailPat === NIL && f !== NIL) return false;
    for (let i = 0; i < before.length; i++) if (!match(R, before[i], items[i], useEnv, b)) return false;
    const seqs: Map<Identifier, Match>[] = [];
    for (let i = 0; i < nRep; i++) {
      const sb = new Map<Identifier, Match>();
      if (!match(R, rep, items[before.length + i], useEnv, sb)) return false;
      seqs.push(sb);
    }
    for (const v of patternVars(R, rep)) b.set(v, new MatchSeq(seqs.map((s) => s.get(v))));
    for (let i = 0; i < after.length; i++) {
      if (!match(R, after[i], items[before.length + nRep + i], useEnv, b)) return false;
    }
    return tailPat === NIL ? true : match(R, tailPat, f, useEnv, b);
  }
  if (Array.isArray(pat)) {
    if (!Array.isArray(form)) return false;
    return match(R, arrayToList(pat), arrayToList(form), useEnv, b);
  }
  if (pat === NIL) return form === NIL;
  return equal(pat, form);
}

function patternVars(R: Rules, pat: Value, out: Identifier[] = []): Identifier[] {
  if (isIdentifier(pat)) {
    if (!isEllipsis(R, pat) && !isUnderscore(R, pat) && !R.literals.includes(pat)) out.push(pat);
  } else if (pat instanceof Pair) {
    patternVars(R, pat.car, out); patternVars(R, pat.cdr, out);
  } else if (Array.isArray(pat)) {
    for (const e of pat) patternVars(R, e, out);
  }
  return out;
}

function instantiate(R: Rules, t: Value, b: Map<Identifier, Match>, renames: Map<Identifier, Alias>, pos: SourcePos | null, escaped = false): Value {
  if (isIdentifier(t)) {
    if (b.has(t)) {
      const m = b.get(t);
      if (m instanceof MatchSeq) syntaxError(pos, `syntax-rules: pattern variable ${baseSymbol(t).name} used without enough ellipses`);
      return m;
    }
    let a = renames.get(t);
    if (a === undefined) { a = new Alias(t, R.env); renames.set(t, a); }
    return a;
  }
  if (t instanceof Pair) {
    // (... template): the escape; ellipses inside are literal.
    if (!escaped && isEllipsis(R, t.car) && t.cdr instanceof Pair) {
      return instantiate(R, t.cdr.car, b, renames, pos, true);
    }
    const out: Value[] = [];
    let p: Value = t;
    while (p instanceof Pair) {
      const elem = p.car;
      let depth = 0;
      let q = p.cdr;
      while (!escaped && q instanceof Pair && isEllipsis(R, q.car)) { depth++; q = q.cdr; }
      if (depth === 0) out.push(instantiate(R, elem, b, renames, pos, escaped));
      else out.push(...repeat(R, elem, depth, b, renames, pos));
      p = q;
    }
    const tail = p === NIL ? NIL : instantiate(R, p, b, renames, pos, escaped);
    let r = tail;
    for (let i = out.length - 1; i >= 0; i--) r = new Pair(out[i], r);
    return r;
  }
  if (Array.isArray(t)) {
    const l = instantiate(R, arrayToList(t), b, renames, pos, escaped);
    return listToArray(l) ?? [];
  }
  return t;
}

/** Instantiate `elem` followed by `depth` ellipses: iterate over the vars it uses that have sequences. */
function repeat(R: Rules, elem: Value, depth: number, b: Map<Identifier, Match>, renames: Map<Identifier, Alias>, pos: SourcePos | null): Value[] {
  const vars = patternVars(R, elem).filter((v) => b.get(v) instanceof MatchSeq);
  if (vars.length === 0) syntaxError(pos, "syntax-rules: no pattern variable with an ellipsis in this template element");
  let len = -1;
  for (const v of vars) {
    const n = (b.get(v) as MatchSeq).items.length;
    if (len < 0 || n < len) len = n;
  }
  const results: Value[] = [];
  for (let i = 0; i < len; i++) {
    const nb = new Map(b);
    for (const v of vars) nb.set(v, (b.get(v) as MatchSeq).items[i]);
    if (depth > 1) results.push(...repeat(R, elem, depth - 1, nb, renames, pos));
    else results.push(instantiate(R, elem, nb, renames, pos));
  }
  return results;
}

function arrayToList(xs: Value[]): Value {
  let r: Value = NIL;
  for (let i = xs.length - 1; i >= 0; i--) r = new Pair(xs[i], r);
  return r;
}
