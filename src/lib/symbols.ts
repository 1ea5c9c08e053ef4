// Symbols (R7RS 6.5). Symbols are `Sym` objects; interned ones are unique per name, so
// symbol=? is identity. symbol->string returns an immutable MString, the same one for every
// call on a symbol (R7RS 6.5: "it is an error to apply mutation procedures like string-set! to
// strings returned by this procedure"; the mutators refuse it); string->symbol interns the
// string's current text.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { MString, Sym, Value, intern } from "../runtime/values.js";
import { stringArg } from "./data.js";

function symbolArg(who: string, x: Value): Sym {
  if (x instanceof Sym) return x;
  return typeError(who, "a symbol", x);
}

export const symbolPrimitives: PrimSpec[] = [
  prim("symbol?", 1, 1, (x: Value) => x instanceof Sym),
  prim("symbol=?", 1, -1, (args: Value[]) => {
    const first = symbolArg("symbol=?", args[0]);
    let ok = true;
    for (let i = 1; i < args.length; i++) if (symbolArg("symbol=?", args[i]) !== first) ok = false;
    return ok;
  }),
  prim("symbol->string", 1, 1, (s: Value) => {
    const sym = symbolArg("symbol->string", s);
    if (sym.nameString !== null) return sym.nameString;
    const str = new MString(sym.name);
    str.immutable = true;
    return (sym.nameString = str);
  }),
  prim("string->symbol", 1, 1, (s: Value) => intern(stringArg("string->symbol", s).toString())),
];
