// Equivalence predicates (R7RS 6.1), booleans (6.3), procedure? (6.10) and default-object?
// (true only of the DEFAULT_OBJECT singleton, the value of a missing optional argument in
// Scheme-level code). The equivalence relations
// themselves live in runtime/equivalence.ts, shared with memv/assv and the compiler.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { DEFAULT_OBJECT, Value, isProcedure } from "../runtime/values.js";
import { eq, eqv, equal } from "../runtime/equivalence.js";

export const predicatePrimitives: PrimSpec[] = [
  prim("eq?", 2, 2, eq),
  prim("eqv?", 2, 2, eqv),
  prim("equal?", 2, 2, equal),
  prim("not", 1, 1, (x: Value) => x === false),
  prim("boolean?", 1, 1, (x: Value) => x === true || x === false),
  prim("boolean=?", 1, -1, (args: Value[]) => {
    let ok = true;
    for (let i = 0; i < args.length; i++) {
      const b = args[i];
      if (b !== true && b !== false) return typeError("boolean=?", "a boolean", b);
      if (b !== args[0]) ok = false;
    }
    return ok;
  }),
  prim("procedure?", 1, 1, isProcedure),
  prim("default-object?", 1, 1, (x: Value) => x === DEFAULT_OBJECT),
];
