// The expander: datums (from the reader, or from macro expansion) to core IR.
//
// It resolves every identifier against compile-time environments (environment.ts), runs
// macros (syntax-rules.ts for user macros, derived.ts for the derived forms of R7RS 4.2
// written as procedural macros), and turns the core forms (R7RS 4.1, 5.3, 5.4) into IR.
// Bodies with internal definitions become letrec* (R7RS 5.3.2).

import { Pair, NIL, Value, MString, Char, UNSPECIFIED, UNBOUND, listToArray, Flonum, intern } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf } from "../reader/source-map.js";
import {
  Alias, Binding, Cell, Env, Identifier, baseSymbol, isIdentifier, lookup, lookupOrCreate, stripSyntax,
} from "./environment.js";
import { Lambda, Node, Var, ir } from "../compiler/ir.js";
import { syntaxError } from "./errors.js";
import { checkAcyclic } from "./acyclic.js";
import { markConstant } from "../runtime/constants.js";
import { Interrupted, Interrupts } from "../runtime/interrupts.js";

export interface ExpanderHost {
  /** Text of an included file, resolved relative to the including file; null if unreadable. */
  readInclude?(file: string, fromFile: string | null): { text: string; path: string } | null;
  /** Parse text into datums (the reader), with positions. */
  readAll(text: string, file: string): Value[];
  /** Told of each `define-syntax` at the top level of an environment (the code cache replays them). */
  onTopLevelSyntax?(form: Pair, env: Env): void;
}

/**
 * A body's definitions and expressions in order. A define-values is one item whose hidden
 * variable's init binds the values and assigns each defined variable (`values`).
 */
type BodyItem =
  | { def: Var; form: Value; name: string; values?: { vars: Var[]; rest: Var | null; pos: SourcePos | null } }
  | { def: null; form: Value; pos: SourcePos | null };

export class Expander {
  /**
   * This runtime's core environment (set by installCoreForms): identifiers that forms rewrite
   * into (`lambda`, `begin`, `list-ref`, ...) are aliases closed in it. One per Expander, so
   * runtimes never see each other's builtins.
   */
  core!: Env;
  constructor(readonly host: ExpanderHost) {}

  /** An identifier meaning what `name` means in the core environment, whatever the user rebinds. */
  coreAlias(name: string): Alias { return new Alias(intern(name), this.core); }

  /** How deeply `expand` is nested now, and the deepest it got in this top-level expansion. */
  depth = 0;
  deepest = 0;
  /** The top-level form being expanded (for the error when nesting exhausts the JS stack). */
  currentForm: Value = null;

  /**
   * The runtime's interrupts (set by the runtime): each macro use counts as one step of the
   * evaluation's step budget, and the flag (Ctrl-C, abort) and the deadline are looked at
   * every few thousand expressions, so a runaway macro and the expansion of a huge program
   * stop like a runaway loop does.
   */
  interrupts: Interrupts | null = null;
  private ticks = 0;

  /** Expand one expression in `env`. */
  expand(x: Value, env: Env, pos: SourcePos | null): Node {
    if (++this.depth > this.deepest) this.deepest = this.depth;
    if ((++this.ticks & 4095) === 0 && this.interrupts !== null) this.interruptible(() => this.interrupts!.check(), x, pos);
    // One frame per level of nesting (the expansion of a macro use loops here): the depth
    // the JS stack allows is the depth of program text the expander takes.
    let n: Node;
    for (;;) {
      if (isIdentifier(x)) { n = this.variable(x, env, pos); break; }
      if (x instanceof Pair) {
        const p = positionOf(x) ?? pos;
        const head = x.car;
        if (isIdentifier(head)) {
          const b = lookup(head, env);
          if (b !== null) {
            if (b.kind === "special") { n = b.handler(x, env, p); break; }
            if (b.kind === "macro") { x = this.expandMacro(b, x, env, p); pos = p; continue; }
            if (b.kind === "aux") syntaxError(p, `${baseSymbol(head).name}: syntax keyword used as an expression`, x);
          }
        }
        // A procedure call, expanded here rather than in a method of its own: nested calls
        // take one JS frame per level.
        const items = listToArray(x);
        if (items === null) syntaxError(p, "improper list in procedure call", x);
        const fn = this.expand(items[0], env, p);
        const args: Node[] = [];
        // An identifier operand is placed at its own position (the reader records it on its
        // pair), so an unbound variable is reported where its name is, not at the call.
        let rest: Value = x.cdr;
        for (let i = 1; i < items.length; i++, rest = (rest as Pair).cdr) {
          args.push(this.expand(items[i], env, isIdentifier(items[i]) ? positionOf(rest) ?? p : p));
        }
        n = ir.call(fn, args, p);
        break;
      }
      if (x === NIL) syntaxError(pos, "empty combination: () is not an expression (quote it: '())");
      n = ir.const(selfEvaluating(x, pos));
      break;
    }
    this.depth--;
    return n;
  }

  /** Run a poll; an interrupt it throws says which form was being expanded. */
  private interruptible(poll: () => void, form: Value, pos: SourcePos | null): void {
    try { poll(); } catch (e) {
      if (e instanceof Interrupted && e.backtrace.length === 0) {
        const p = (form instanceof Pair ? positionOf(form) : undefined) ?? pos;
        const name = form instanceof Pair && isIdentifier(form.car) ? baseSymbol(form.car).name : "an expression";
        e.backtrace = [{ name: `expansion of ${name}`, file: p?.file ?? null, line: p?.line ?? 0, column: p?.column ?? 0 }];
      }
      throw e;
    }
  }

  expandMacro(b: Binding & { kind: "macro" }, x: Value, env: Env, pos: SourcePos | null): Value {
    const ints = this.interrupts;
    if (ints !== null && --ints.fuel < 0) this.interruptible(() => ints.poll(), x, pos);
    return b.transform(x, env, pos);
  }

  variable(id: Identifier, env: Env, pos: SourcePos | null): Node {
    const b = lookupOrCreate(id, env);
    switch (b.kind) {
      case "local": return ir.lref(b.v);
      case "global": return ir.gref(b.cell, pos);
      default: return syntaxError(pos, `${baseSymbol(id).name}: syntax keyword used as a variable`);
    }
  }

  /** A sequence of expressions (no definitions), e.g. the tail of `begin` in expression context. */
  expandSeq(forms: Value[], env: Env, pos: SourcePos | null): Node {
    if (forms.length === 0) return ir.const(UNSPECIFIED);
    return ir.seq(forms.map((f) => this.expand(f, env, pos)));
  }

  /**
   * A lambda body or other body (R7RS 5.3.2): definitions first (we also accept them mixed with
   * expressions, as Chibi does), then expressions. `env` is the body's own fresh scope.
   */
  expandBody(forms: Value[], env: Env, pos: SourcePos | null): Node {
    const items = this.scanBody(forms, env, pos);
    const vars: Var[] = [];
    const inits: Node[] = [];
    const exprs: Node[] = [];
    let sawExpr = false, defAfterExpr = false;
    for (const it of items) {
      if (it.def) { if (sawExpr) defAfterExpr = true; } else sawExpr = true;
    }
    const initOf = (it: BodyItem & { def: Var }): Node => {
      if (it.values) return this.defineValuesLocal(it.values.vars, it.values.rest, it.form, env, it.values.pos);
      const init = this.expand(it.form, env, positionOf(it.form) ?? pos);
      nameLambda(init, it.name);
      return init;
    };
    if (!defAfterExpr) {
      for (const it of items) {
        if (it.def) {
          vars.push(it.def);
          inits.push(initOf(it));
        } else exprs.push(this.expand(it.form, env, positionOf(it.form) ?? it.pos ?? pos));
      }
      if (exprs.length === 0) exprs.push(ir.const(UNSPECIFIED));
      const body = ir.seq(exprs);
      return vars.length ? ir.letrec(vars, inits, body) : body;
    }
    // Definitions after expressions: keep evaluation order by turning each expression into a
    // definition of an unused variable (letrec* evaluates inits left to right).
    let last: Node = ir.const(UNSPECIFIED);
    items.forEach((it, i) => {
      if (it.def) { vars.push(it.def); inits.push(initOf(it)); last = ir.const(UNSPECIFIED); return; }
      const node = this.expand(it.form, env, positionOf(it.form) ?? it.pos ?? pos);
      if (i === items.length - 1) last = node;
      else { vars.push(new Var("_")); inits.push(node); }
    });
    return ir.letrec(vars, inits, last);
  }

  /** Find the definitions of a body, binding each defined name in `env` before any expansion. */
  private scanBody(forms: Value[], env: Env, pos: SourcePos | null): BodyItem[] {
    const items: BodyItem[] = [];
    this.scanForms(forms, env, pos,
      (form, p) => {
        const [id, valueForm] = parseDefine(form, p, this.core);
        const v = new Var(baseSymbol(id).name);
        env.define(id, { kind: "local", v });
        items.push({ def: v, form: valueForm, name: baseSymbol(id).name });
      },
      // A macro use expanded here keeps its own position (its output has none).
      (form, p) => { items.push({ def: null, form, pos: p }); },
      (form, p) => {
        // Each defined variable is a letrec* variable of its own, unspecified until the hidden
        // init after them binds the values and assigns them (so they live in boxes: a closure
        // made before may capture them).
        const [formals, valueForm] = parseDefineValues(form, p);
        const { ids, rest } = parseFormals(formals, p, "define-values");
        const unspecified = new Pair(this.coreAlias("begin"), NIL);
        const bind = (id: Identifier): Var => {
          const v = new Var(baseSymbol(id).name);
          v.assigned = true;
          env.define(id, { kind: "local", v });
          items.push({ def: v, form: unspecified, name: baseSymbol(id).name });
          return v;
        };
        const vars = ids.map(bind), restVar = rest === null ? null : bind(rest);
        items.push({ def: new Var("_"), form: valueForm, name: "", values: { vars, rest: restVar, pos: p } });
      });
    return items;
  }

  /** The init of a body's define-values: bind the values of `form`, assign each variable. */
  private defineValuesLocal(vars: Var[], rest: Var | null, form: Value, env: Env, pos: SourcePos | null): Node {
    const temps = vars.map((v) => new Var(v.name)), restTemp = rest === null ? null : new Var(rest.name);
    const sets: Node[] = vars.map((v, i) => ir.lset(v, ir.lref(temps[i])));
    if (rest !== null) sets.push(ir.lset(rest, ir.lref(restTemp!)));
    sets.push(ir.const(UNSPECIFIED));
    return ir.receive(temps, restTemp, this.expand(form, env, positionOf(form) ?? pos), ir.seq(sets), intern("define-values"), pos);
  }

  /**
   * Walk the forms of a body or of the top level in order, expanding macro uses at the head,
   * splicing `begin` and handling `define-syntax`; hand each `define`, each `define-values`
   * and each remaining expression to the callbacks.
   */
  private scanForms(forms: Value[], env: Env, pos: SourcePos | null,
    onDefine: (form: Pair, pos: SourcePos | null) => void,
    onExpr: (form: Value, pos: SourcePos | null) => void,
    onDefineValues: (form: Pair, pos: SourcePos | null) => void,
    onForm?: (form: Value) => void): void {
    const queue = forms.slice();
    let i = 0;
    while (i < queue.length) {
      let form = queue[i++];
      onForm?.(form);
      let p = pos;
      for (;;) {
        // A macro's output has no position of its own: it keeps the position of the use.
        p = (form instanceof Pair ? positionOf(form) : undefined) ?? p;
        if (form instanceof Pair && isIdentifier(form.car)) {
          const b = lookup(form.car, env);
          if (b?.kind === "macro") { form = this.expandMacro(b, form, env, p); continue; }
          if (b?.kind === "special") {
            if (b.name === "begin") {
              const sub = listToArray(form.cdr);
              if (sub === null) syntaxError(p, "begin: improper form", form);
              queue.splice(i, 0, ...sub);
              break;
            }
            if (b.name === "define") { onDefine(form, p); break; }
            if (b.name === "define-syntax") { this.defineSyntax(form, env, p); break; }
            if (b.name === "define-values") { onDefineValues(form, p); break; }
          }
        }
        onExpr(form, p);
        break;
      }
    }
  }

  /** `(define-syntax name transformer)` in any scope. */
  defineSyntax(form: Pair, env: Env, pos: SourcePos | null): void {
    const parts = listToArray(form);
    if (parts === null || parts.length !== 3 || !isIdentifier(parts[1])) {
      syntaxError(pos, "define-syntax: expected (define-syntax keyword transformer)", form);
    }
    env.define(parts[1], this.transformerBinding(parts[2], env, pos));
    if (env.topLevel) this.host.onTopLevelSyntax?.(form, env);
  }

  /** Evaluate a transformer spec: `(syntax-rules ...)`, or a keyword (aliasing another macro). */
  transformerBinding(spec: Value, env: Env, pos: SourcePos | null): Binding {
    const p = positionOf(spec) ?? pos;
    if (isIdentifier(spec)) {
      const b = lookup(spec, env);
      if (b && (b.kind === "macro" || b.kind === "special")) return b;
    }
    if (spec instanceof Pair && isIdentifier(spec.car)) {
      const b = lookup(spec.car, env);
      if (b?.kind === "special" && b.name === "syntax-rules") {
        return { kind: "macro", transform: this.makeSyntaxRules(spec, env, p) };
      }
      if (b?.kind === "special" && b.name === "er-macro-transformer") {
        syntaxError(p, "er-macro-transformer is not supported; use syntax-rules", spec);
      }
    }
    return syntaxError(p, "expected a transformer: (syntax-rules ...)", spec);
  }

  // Installed by syntax-rules.ts (kept separate: one idea per file).
  makeSyntaxRules!: (spec: Pair, env: Env, pos: SourcePos | null) => (form: Value, useEnv: Env, pos: SourcePos | null) => Value;

  /** Build a lambda from formals and body forms. */
  lambda(formals: Value, body: Value[], env: Env, pos: SourcePos | null, name: string): Lambda {
    const { node, scope } = this.lambdaHead(formals, body, env, pos, name);
    node.body = this.expandBody(body, scope, pos);
    return node;
  }

  /**
   * A lambda's node (its body not yet expanded) and the scope binding its parameters. The
   * `lambda` special form expands the body itself, so nested lambdas take few JS frames.
   */
  lambdaHead(formals: Value, body: Value[], env: Env, pos: SourcePos | null, name: string): { node: Lambda; scope: Env } {
    const scope = new Env(env);
    const params: Var[] = [];
    let rest: Var | null = null;
    const seen = new Set<Identifier>();
    let f = formals;
    const bind = (id: Value): Var => {
      if (!isIdentifier(id)) syntaxError(pos, "lambda: parameter must be an identifier", id);
      if (seen.has(id)) syntaxError(pos, `lambda: duplicate parameter ${baseSymbol(id).name}`, formals);
      seen.add(id);
      const v = new Var(baseSymbol(id).name);
      scope.define(id, { kind: "local", v });
      return v;
    };
    while (f instanceof Pair) { params.push(bind(f.car)); f = f.cdr; }
    if (f !== NIL) rest = bind(f);
    if (body.length === 0) syntaxError(pos, "lambda: empty body");
    return { node: ir.lambda(params, rest, ir.const(UNSPECIFIED), name, pos), scope };
  }

  /** Top-level forms of a program or REPL input, in `env` (a top-level environment). */
  expandTopLevel(forms: Value[], env: Env, pos: SourcePos | null): Node {
    for (const form of forms) checkAcyclic(form, positionOf(form) ?? pos);
    this.predeclare(forms, env);
    const out: Node[] = [];
    this.depth = 0; this.deepest = 0; this.currentForm = forms[0] ?? null;
    this.scanForms(forms, env, pos,
      (form, p) => {
        const [id, valueForm] = parseDefine(form, p, this.core);
        const cell = this.topLevelCell(id, env);
        const value = this.expand(valueForm, env, p);
        nameLambda(value, baseSymbol(id).name);
        out.push(ir.gset(cell, value, true, p));
      },
      (form, p) => { out.push(this.expand(form, env, p)); },
      (form, p) => {
        // Bind the values to temporaries, then define each global from its temporary.
        const [formals, valueForm] = parseDefineValues(form, p);
        const { ids, rest } = parseFormals(formals, p, "define-values");
        const all = rest === null ? ids : [...ids, rest];
        const cells = all.map((id) => this.topLevelCell(id, env));
        const temps = all.map((id) => new Var(baseSymbol(id).name));
        const producer = this.expand(valueForm, env, p);
        const sets: Node[] = cells.map((cell, i) => ir.gset(cell, ir.lref(temps[i]), true, p));
        sets.push(ir.const(UNSPECIFIED));
        out.push(ir.receive(temps.slice(0, ids.length), rest === null ? null : temps[ids.length], producer, ir.seq(sets), intern("define-values"), p));
      },
      (form) => { if (form instanceof Pair && positionOf(form)) this.currentForm = form; });
    return out.length ? ir.seq(out) : ir.const(UNSPECIFIED);
  }

  /**
   * Give this environment its own cell for every name the forms define at top level, before
   * expanding any of them: a program that defines its own `filter` after a procedure that
   * calls it must not have that call bound to the builtin. (Definitions produced by macros
   * are found when expanded, as usual.)
   */
  private predeclare(forms: Value[], env: Env): void {
    const top = env.top();
    const declare = (id: Value): void => {
      if (isIdentifier(id) && !(top.map.get(id)?.kind === "global")) this.topLevelCell(id, env);
    };
    const scan = (form: Value): void => {
      if (!(form instanceof Pair) || !isIdentifier(form.car)) return;
      const b = lookup(form.car, env);
      const name = b?.kind === "special" ? b.name : b?.kind === "macro" ? baseSymbol(form.car).name : "";
      const args = listToArray(form.cdr);
      if (args === null) return;
      if (name === "begin") args.forEach(scan);
      else if (name === "define" && args.length > 0) {
        let target = args[0];
        while (target instanceof Pair) target = target.car;
        declare(target);
      } else if (name === "define-values" && args.length > 0) {
        for (let f = args[0]; ; f = f.cdr) {
          if (f instanceof Pair) declare(f.car); else { declare(f); break; }
        }
      } else if (name === "define-record-type" && args.length >= 3) {
        declare(args[1] instanceof Pair ? args[1].car : args[1]);
        declare(args[2]);
        for (const field of args.slice(3)) {
          const fs = listToArray(field);
          if (fs) fs.slice(1).forEach(declare);
        }
      }
    };
    forms.forEach(scan);
  }

  /** The cell a top-level `define` fills: the existing binding of this environment, or a new one. */
  topLevelCell(id: Identifier, env: Env): Cell {
    const top = env.top();
    if (top.immutable) syntaxError(positionOf(id) ?? null, `define: ${baseSymbol(id).name}: the environment is immutable`);
    const b = top.map.get(id);
    const cell = b?.kind === "global" ? b.cell : new Cell(UNBOUND, baseSymbol(id));
    if (b?.kind !== "global") top.map.set(id, { kind: "global", cell });
    definedCells.add(cell);
    return cell;
  }
}

/**
 * Cells some top-level definition fills. An `import` may drop a top-level binding that is not
 * one of these and is still unbound: a REPL name used (in error) before its library was imported.
 */
export const definedCells = new WeakSet<Cell>();

/** `(define id expr)`, `(define id)`, `(define (id . formals) body...)` -> [id, value form]. */
export function parseDefine(form: Pair, pos: SourcePos | null, core: Env): [Identifier, Value] {
  const coreAlias = (name: string): Alias => new Alias(intern(name), core);
  const parts = listToArray(form);
  if (parts === null || parts.length < 2) syntaxError(pos, "define: expected (define name value) or (define (name . formals) body ...)", form);
  let target = parts[1];
  if (isIdentifier(target)) {
    if (parts.length > 3) syntaxError(pos, "define: too many expressions", form);
    return [target, parts.length === 3 ? parts[2] : new Pair(coreAlias("begin"), NIL)];
  }
  if (target instanceof Pair) {
    // (define ((curried a) b) ...) nests lambdas, as Chez and Guile allow.
    let body: Value = form.cdr.cdr;
    while (target instanceof Pair && target.car instanceof Pair) {
      body = new Pair(new Pair(coreAlias("lambda"), new Pair(target.cdr, body)), NIL);
      target = target.car;
    }
    if (target instanceof Pair && isIdentifier(target.car)) {
      if (body === NIL) syntaxError(pos, "define: empty body", form);
      return [target.car, new Pair(coreAlias("lambda"), new Pair(target.cdr, body))];
    }
  }
  return syntaxError(pos, "define: expected an identifier or (name . formals)", form);
}

/** `(define-values formals expr)` -> [formals, expr] (R7RS 5.3.3). */
function parseDefineValues(form: Pair, pos: SourcePos | null): [Value, Value] {
  const parts = listToArray(form);
  if (parts === null || parts.length !== 3) syntaxError(pos, "define-values: expected (define-values formals expr)", form);
  return [parts[1], parts[2]];
}

/**
 * The formals of let-values, receive or define-values: a list of identifiers, possibly dotted
 * with a rest identifier, or one identifier (all the values, as a list); no duplicates.
 */
export function parseFormals(formals: Value, pos: SourcePos | null, who: string): { ids: Identifier[]; rest: Identifier | null } {
  const ids: Identifier[] = [];
  const seen = new Set<Identifier>();
  const check = (id: Value): Identifier => {
    if (!isIdentifier(id)) syntaxError(pos, `${who}: formals must be identifiers`, formals);
    if (seen.has(id)) syntaxError(pos, `${who}: duplicate formal ${baseSymbol(id).name}`, formals);
    seen.add(id);
    return id;
  };
  let f = formals;
  while (f instanceof Pair) { ids.push(check(f.car)); f = f.cdr; }
  return { ids, rest: f === NIL ? null : check(f) };
}

/** Give an anonymous lambda the name of the variable it initializes (for backtraces). */
export function nameLambda(n: Node, name: string): void {
  if (n.k === "lambda" && n.name === "") n.name = name;
  if (n.k === "case-lambda" && n.name === "") { n.name = name; for (const c of n.clauses) if (c.name === "") c.name = name; }
}

function selfEvaluating(x: Value, pos: SourcePos | null): Value {
  if (Array.isArray(x)) return markConstant(stripSyntax(x));  // a vector from a template may hold aliases
  if (x instanceof MString || x instanceof Uint8Array) return markConstant(x);
  if (typeof x === "number" || typeof x === "bigint" || typeof x === "boolean" ||
    x instanceof Char || x instanceof Flonum) return x;
  if (x instanceof Alias) return syntaxError(pos, "unexpected identifier");
  // Numbers of other classes (rationals), and values a procedural macro spliced in.
  return x;
}
