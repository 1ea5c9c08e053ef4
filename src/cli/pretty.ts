// A small pretty printer for Scheme data (--expand, ,expand): a list that fits in the width
// is written on one line; otherwise its head and first argument stay on the first line and
// the other elements go below, indented under the first argument (or by two for forms whose
// body is a list of expressions).

import { Pair, NIL, Value, Sym } from "../runtime/values.js";
import { writeString } from "../runtime/printer.js";

const BODY_FORMS = new Set(["lambda", "define", "let", "letrec", "letrec*", "let*", "let-values", "begin", "case-lambda", "when", "unless"]);

export function pretty(x: Value, width = 80): string {
  return layout(x, 0, width);
}

function layout(x: Value, indent: number, width: number): string {
  const flat = writeString(x, "write");
  if (indent + flat.length <= width || !(x instanceof Pair) || !isList(x)) return flat;
  const items: Value[] = [];
  for (let p: Value = x; p instanceof Pair; p = p.cdr) items.push(p.car);
  const head = writeString(items[0], "write");
  const body = items[0] instanceof Sym && BODY_FORMS.has(items[0].name);
  if (body || items.length < 2 || !(items[0] instanceof Sym)) {
    const inner = indent + (body ? 2 : 1);
    const first = body && items.length > 1 ? " " + layout(items[1], indent + head.length + 2, width) : "";
    const rest = items.slice(body ? 2 : 1).map((e) => "\n" + " ".repeat(inner) + layout(e, inner, width));
    return "(" + (body ? head + first : layout(items[0], indent + 1, width)) + rest.join("") + ")";
  }
  const inner = indent + head.length + 2;
  const rest = items.slice(2).map((e) => "\n" + " ".repeat(inner) + layout(e, inner, width));
  return "(" + head + " " + layout(items[1], inner, width) + rest.join("") + ")";
}

function isList(x: Value): boolean {
  let p: Value = x;
  while (p instanceof Pair) p = p.cdr;
  return p === NIL;
}
