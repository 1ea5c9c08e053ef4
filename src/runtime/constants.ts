// Literal constants are immutable (R7RS 3.4; examples in 6.4, 6.7, 6.8): a quoted or
// self-evaluating datum, and the string symbol->string returns. Storing into one "is an error";
// Kiln detects it where that costs nothing on the fast paths:
//
//   strings      MString.immutable (a field every MString has, so one hidden class), checked
//                by string-set!, string-fill!, string-copy!; string-ref never looks at it;
//   pairs,       a WeakSet, checked by the mutating primitives: set-car!, set-cdr!, list-set!,
//   vectors,     vector-set! (when it is called as a procedure), vector-fill!, vector-copy!,
//   bytevectors  bytevector-u8-set!, bytevector-copy!. None of car, cdr, vector-ref reads it.
//
// Not detected: the inline vector-set! of both tiers (the VSET opcode), which stores with no
// check. Checking there would put a test on the fast path; freezing constant vectors instead
// (so the store throws) was measured: V8 reads frozen arrays about 20% slower in a vector-ref
// loop, in both tiers. Marking pairs by freezing them, a subclass or a field was rejected too:
// a second hidden class makes every car/cdr site that sees both kinds polymorphic, and a third
// field makes every pair bigger; the WeakSet costs only set-car!/set-cdr! (about 15 ns a call).
//
// markConstant walks a datum once, when the expander turns it into a constant, without
// recursion (a quoted list may be a million long or deeply nested) and stopping at what it has
// already marked (datum labels make cyclic constants).

import { MString, Pair, Value } from "./values.js";
import { schemeError } from "./errors.js";

const constantObjects = new WeakSet<object>();

/** Marks every string, vector, pair and bytevector reachable from x as a literal constant. */
export function markConstant(x: Value): Value {
  const todo: Value[] = [x];
  while (todo.length > 0) {
    let v = todo.pop();
    while (v instanceof Pair) {        // along the cdrs in a loop
      if (constantObjects.has(v)) break;
      constantObjects.add(v);
      todo.push(v.car);
      v = v.cdr;
    }
    if (v instanceof MString) v.immutable = true;
    else if (Array.isArray(v)) {
      if (constantObjects.has(v)) continue;
      constantObjects.add(v);
      for (const e of v) todo.push(e);
    } else if (v instanceof Uint8Array) constantObjects.add(v);
  }
  return x;
}

function refuse(who: string, x: Value): never {
  return schemeError(`${who}: a literal constant cannot be modified`, x);
}

export function checkMutablePair(who: string, p: Pair): void {
  if (constantObjects.has(p)) refuse(who, p);
}
export function checkMutableString(who: string, s: MString): void {
  if (s.immutable) refuse(who, s);
}
export function checkMutableVector(who: string, v: Value[]): void {
  if (constantObjects.has(v)) refuse(who, v);
}
export function checkMutableBytevector(who: string, b: Uint8Array): void {
  if (constantObjects.has(b)) refuse(who, b);
}
