// Circular program text (R7RS 2.4: datum labels may make a literal circular, never the code).
//
// Input: a form about to be expanded (read program text, an included file's data, `eval`'s
// argument). Output: nothing, or a syntax error naming the innermost form (the nearest
// enclosing list headed by an identifier) that the cycle runs through.
// Every form entering expansion passes here once, so the expander, the macros and the
// compiler may walk forms assuming they are finite trees (shared substructure is fine).
// A cycle is allowed only inside `(quote datum)`: that datum is a literal and is never walked.
// The walk is iterative (a list of 10^6 elements or 10^6 levels of nesting uses no JS stack).
// Program text the reader built with no datum label is a tree and is not walked (treeShaped).

import { Pair, Value, intern, MAX_TABLE_SIZE } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf, treeShaped } from "../reader/source-map.js";
import { Alias, isIdentifier, baseSymbol } from "./environment.js";
import { syntaxError } from "./errors.js";

const QUOTE = intern("quote");

/**
 * A DFS step: visit `v` inside the form `owner` (reached through a cdr when `rest`), or
 * (`leave`) take `v` off the current path.
 */
interface Step { v: Value; owner: Pair | null; rest: boolean; leave: boolean }

export function checkAcyclic(form: Value, pos: SourcePos | null): void {
  if (!(form instanceof Pair) && !Array.isArray(form)) return;
  if (treeShaped.has(form)) return;  // program text read with no datum label: a tree
  const onPath = new Set<object>();
  const done = new Set<object>();
  const stack: Step[] = [{ v: form, owner: null, rest: false, leave: false }];
  while (stack.length > 0) {
    const { v, owner, rest, leave } = stack.pop()!;
    if (leave) { onPath.delete(v); done.add(v); continue; }
    if (!(v instanceof Pair) && !Array.isArray(v)) continue;
    if (done.has(v)) continue;
    if (onPath.has(v)) report(v, owner, form, pos);
    if (done.size + onPath.size >= MAX_TABLE_SIZE) syntaxError(pos, "program text too large");
    if (v instanceof Pair && !rest && (v.car === QUOTE || (v.car instanceof Alias && baseSymbol(v.car) === QUOTE))) {
      done.add(v);   // a literal: circular data allowed, not walked
      continue;
    }
    onPath.add(v);
    stack.push({ v, owner, rest, leave: true });
    if (v instanceof Pair) {
      // A list headed by an identifier is a form of its own; its later pairs belong to it.
      const inner = !rest && isIdentifier(v.car) ? v : owner;
      stack.push({ v: v.cdr, owner: inner, rest: true, leave: false });
      stack.push({ v: v.car, owner: inner, rest: false, leave: false });
    } else {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], owner, rest: false, leave: false });
    }
  }
}

/** The error names the whole form's keyword and, when the cycle is deeper, the inner form's. */
function report(at: object, owner: Pair | null, top: Value, pos: SourcePos | null): never {
  const nameOf = (f: Value): string | null => (f instanceof Pair && isIdentifier(f.car) ? baseSymbol(f.car).name : null);
  const outer = nameOf(top), inner = nameOf(owner);
  const where = positionOf(owner) ?? positionOf(at) ?? positionOf(top) ?? pos;
  const within = inner !== null && owner !== top ? ` in (${inner} ...)` : "";
  syntaxError(where, `${outer ?? inner ?? "program"}: circular program text (a datum label outside quote)${within}`);
}
