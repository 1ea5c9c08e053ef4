// Compile-time errors: malformed syntax found by the expander or compiler. They carry the
// source position of the offending form so the CLI can print `file:line:col: message`.

import { SchemeError } from "../runtime/errors.js";
import { ErrorObject, NIL, Value, list } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { stripSyntax } from "./environment.js";

export class SyntaxError extends SchemeError {
  /** `form` becomes the one irritant; `irritants` (a Scheme list) replaces that when given. */
  constructor(message: string, readonly pos: SourcePos | null, form?: Value, irritants?: Value) {
    super(new ErrorObject(message, irritants ?? (form === undefined ? NIL : list(stripSyntax(form)))));
  }
}

export function syntaxError(pos: SourcePos | null, message: string, form?: Value): never {
  throw new SyntaxError(message, pos, form);
}
