// `kiln --expand` and the REPL's `,expand`: a program after macro expansion, as Scheme.
//
// Input: top-level forms and the environment they are expanded in. Output: text, one
// top-level form after another, pretty-printed. The core IR (src/compiler/ir.ts) is turned
// back into the core forms it stands for: quote, if, define, set!, lambda, case-lambda,
// begin, let, letrec*, let-values and define-values, and calls. Local variables keep their names, with a suffix (`x.2`)
// where printing the plain name would change what it refers to (a hygienic rename that
// shadows another variable of the same name, or a global the unit uses).

import { Runtime } from "../api/runtime.js";
import { Env } from "../expander/environment.js";
import { Node, Var } from "../compiler/ir.js";
import { NIL, Pair, Sym, UNSPECIFIED, Value, intern } from "../runtime/values.js";
import { pretty } from "./pretty.js";

export function expandToScheme(rt: Runtime, forms: Value[], env: Env): string {
  const body = rt.expander.expandTopLevel(forms, env, null);
  const tops = body.k === "seq" ? body.es : [body];
  const printer = new CorePrinter(tops);
  return tops.map((n) => pretty(printer.datum(n)) + "\n").join("");
}

const list = (...xs: Value[]): Value => xs.reduceRight<Value>((tail, x) => new Pair(x, tail), NIL);
const sym = (name: string): Sym => intern(name);

class CorePrinter {
  private readonly names = new Map<Var, Sym>();
  private readonly globals = new Set<string>();
  private readonly inScope = new Map<string, number>();
  private readonly counters = new Map<string, number>();

  constructor(tops: Node[]) {
    const scan = (n: Node): void => {
      switch (n.k) {
        case "gref": case "gset": this.globals.add(n.cell.name.name); if (n.k === "gset") scan(n.e); return;
        case "lset": scan(n.e); return;
        case "if": scan(n.test); scan(n.then); scan(n.else); return;
        case "seq": n.es.forEach(scan); return;
        case "call": scan(n.fn); n.args.forEach(scan); return;
        case "let": case "letrec": n.inits.forEach(scan); scan(n.body); return;
        case "receive": scan(n.producer); scan(n.body); return;
        case "lambda": scan(n.body); return;
        case "case-lambda": n.clauses.forEach(scan); return;
      }
    };
    tops.forEach(scan);
  }

  /** Bring variables into scope for the duration of `f`, naming them. */
  private bind<T>(vars: Var[], f: () => T): T {
    for (const v of vars) {
      let name = v.name;
      if (this.globals.has(name) || (this.inScope.get(name) ?? 0) > 0) {
        const k = (this.counters.get(v.name) ?? 1) + 1;
        this.counters.set(v.name, k);
        name = `${v.name}.${k}`;
      }
      this.names.set(v, sym(name));
      this.inScope.set(name, (this.inScope.get(name) ?? 0) + 1);
    }
    try { return f(); }
    finally { for (const v of vars) { const n = this.names.get(v)!.name; this.inScope.set(n, this.inScope.get(n)! - 1); } }
  }

  private ref(v: Var): Sym { return this.names.get(v) ?? sym(v.name); }

  datum(n: Node): Value {
    switch (n.k) {
      case "const": return constant(n.value);
      case "lref": return this.ref(n.v);
      case "lset": return list(sym("set!"), this.ref(n.v), this.datum(n.e));
      case "gref": return n.cell.name;
      case "gset": return list(sym(n.define ? "define" : "set!"), n.cell.name, this.datum(n.e));
      case "if": {
        const els = n.else.k === "const" && n.else.value === UNSPECIFIED;
        return els ? list(sym("if"), this.datum(n.test), this.datum(n.then))
          : list(sym("if"), this.datum(n.test), this.datum(n.then), this.datum(n.else));
      }
      case "seq": return list(sym("begin"), ...n.es.map((e) => this.datum(e)));
      case "call": return list(this.datum(n.fn), ...n.args.map((e) => this.datum(e)));
      case "let": {
        const inits = n.inits.map((e) => this.datum(e));
        return this.bind(n.vars, () => list(sym("let"), list(...n.vars.map((v, i) => list(this.ref(v), inits[i]))), ...this.body(n.body)));
      }
      case "letrec":
        return this.bind(n.vars, () => list(sym("letrec*"),
          list(...n.vars.map((v, i) => list(this.ref(v), this.datum(n.inits[i])))), ...this.body(n.body)));
      case "receive": {
        const producer = this.datum(n.producer);
        const all = n.rest ? [...n.vars, n.rest] : n.vars;
        const globals = definedGlobals(n.body, all);
        if (globals !== null) {
          // A top-level define-values: each global defined from its temporary, in order.
          let formals: Value = n.rest ? globals[globals.length - 1] : NIL;
          for (let i = n.vars.length - 1; i >= 0; i--) formals = new Pair(globals[i], formals);
          return list(sym("define-values"), formals, producer);
        }
        return this.bind(all, () => list(sym("let-values"), list(list(this.formals(n.vars, n.rest), producer)), ...this.body(n.body)));
      }
      case "lambda":
        return this.bind(n.rest ? [...n.params, n.rest] : n.params, () =>
          list(sym("lambda"), this.formals(n.params, n.rest), ...this.body(n.body)));
      case "case-lambda":
        return list(sym("case-lambda"), ...n.clauses.map((c) => {
          const l = this.datum(c) as Pair;   // (lambda params body...) -> (params body...)
          return l.cdr;
        }));
    }
  }

  /** `(a b . c)` of variables in scope. */
  private formals(params: Var[], rest: Var | null): Value {
    let out: Value = rest ? this.ref(rest) : NIL;
    for (let i = params.length - 1; i >= 0; i--) out = new Pair(this.ref(params[i]), out);
    return out;
  }

  /** A body: the expressions of a sequence, spliced. */
  private body(n: Node): Value[] {
    return n.k === "seq" ? n.es.map((e) => this.datum(e)) : [this.datum(n)];
  }
}

/** The globals a top-level define-values body defines from `vars` (one each, in order), or null. */
function definedGlobals(body: Node, vars: Var[]): Sym[] | null {
  if (body.k !== "seq" || body.es.length !== vars.length + 1) return null;
  const out: Sym[] = [];
  for (let i = 0; i < vars.length; i++) {
    const e = body.es[i];
    if (e.k !== "gset" || !e.define || e.e.k !== "lref" || e.e.v !== vars[i]) return null;
    out.push(e.cell.name);
  }
  return out;
}

function constant(v: Value): Value {
  if (v === UNSPECIFIED) return list(sym("if"), false, false);
  if (v instanceof Sym || v instanceof Pair || v === NIL) return list(sym("quote"), v);
  return v;
}
