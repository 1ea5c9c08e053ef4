// Binding the values of an expression to formals (let-values, let*-values, receive,
// define-values), as the VALUE instruction does it in every tier (opcodes.ts).
//
// A producer's result is one ordinary value, or a MultipleValues for any other number of them
// (`values`, and a continuation called with several arguments, make one). Each formal gets its
// value with one VALUE instruction; this is its whole meaning, the tiers inline only the
// common case (a MultipleValues of exactly the expected count). A wrong count is a Scheme
// error raised in the frame of the binding form, so handlers and backtraces see it at the
// form, as they saw the consumer's arity error when these forms were calls of
// call-with-values.

import { MultipleValues, NIL, Pair, UNSPECIFIED, Value, Sym } from "./values.js";
import { schemeError } from "./errors.js";

/**
 * Value `i` of `v`, which must hold exactly `n` values (`rest` 0) or at least `n` (`rest` 1).
 * With `i` = `n`: the list of the values after the first `n` when `rest` is 1, else nothing
 * but the check (unspecified). `who` names the binding form in the error.
 */
export function valueOf(v: Value, i: number, n: number, rest: number, who: Value): Value {
  const many = v instanceof MultipleValues;
  const count = many ? v.vals.length : 1;
  if (rest ? count < n : count !== n) wrongValueCount(v, n, rest, who);
  if (i < n) return many ? v.vals[i] : v;
  if (!rest) return UNSPECIFIED;
  if (!many) return i === 0 ? new Pair(v, NIL) : NIL;
  let list: Value = NIL;
  for (let j = v.vals.length - 1; j >= i; j--) list = new Pair(v.vals[j], list);
  return list;
}

/** "let-values: wrong number of values: expected 2 values, got 3:" with the values as a list. */
function wrongValueCount(v: Value, n: number, rest: number, who: Value): never {
  const vals = v instanceof MultipleValues ? v.vals : [v];
  const plural = `${n} value${n === 1 ? "" : "s"}`;
  const name = who instanceof Sym ? who.name : String(who);
  let list: Value = NIL;
  for (let j = vals.length - 1; j >= 0; j--) list = new Pair(vals[j], list);
  return schemeError(`${name}: wrong number of values: expected ${rest ? "at least " : ""}${plural}, got ${vals.length}:`, list);
}
