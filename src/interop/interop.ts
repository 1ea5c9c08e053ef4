// A runtime's bridge to JavaScript: calling Scheme procedures from JS (a nested run, which is
// a continuation barrier), calling JS functions from Scheme (errors become conditions), the
// (kiln js) primitives, and `await`.
//
// await: `(await p)` captures its continuation k with call/cc and returns the VM request
// Suspend(p, k), which ends the current run with that request as its value. The driver
// (`runAsync`) awaits p, then runs again by throwing (#t . value) or (#f . condition) into k,
// which the Scheme side of await returns or raises. Only the outermost run of an async
// evaluation can be suspended: inside a call from JS (a nested run) the JS frames in between
// cannot be suspended, so await there raises an error. Synchronous code never meets any of
// this: await is an ordinary procedure, and the interpreter looks at Suspend only when a
// primitive returns a request.

import { Value, NIL, Pair, ContinuationProc, intern, arrayToList } from "../runtime/values.js";
import { Closure } from "../bytecode/code.js";
import { Cell, Env } from "../expander/environment.js";
import { Interpreter } from "../vm/interpreter.js";
import { ExitSignal, Suspend } from "../vm/requests.js";
import { readAll } from "../reader/reader.js";
import { schemeError } from "../runtime/errors.js";
import { prim, PrimSpec, toPrimitive } from "../runtime/primitive.js";
import { Bridge, toScheme } from "./convert.js";
import { jsErrorOf, passesThrough, schemeConditionOf, throwIntoScheme } from "./errors.js";
import { installJsAccess, isThenable } from "./js-access.js";

/** What JavaScript a runtime's programs may reach through (kiln js). */
export interface JsOptions {
  /** What `js-global` finds (in a sandbox, nothing else). */
  globals?: Record<string, unknown>;
  /** Every global of the JS realm is reachable, and no property name is refused (the CLI). */
  full?: boolean;
  /** Serves `js-import` (absent: js-import raises). */
  requireModule?: (specifier: string) => unknown;
}

/** How the driver waits for an awaited promise (a budget may race it against a deadline). */
export type Waiter = (p: PromiseLike<unknown>) => PromiseLike<unknown>;

/** The parts of a Runtime the bridge uses (src/api/runtime.ts). */
export interface InteropHost {
  readonly vm: Interpreter;
  defineValue(name: string, value: Value): void;
  newTopLevel(name?: string): Env;
  evalForms(forms: Value[], env: Env): Value;
}

const SCHEME_SIDE = `
(define %f #f)
(define %args '())
(define (%thunk) (apply %f %args))
(define (%await p)
  (if (%js-promise? p)
      (let ((r (call/cc (lambda (k) (%suspend p k)))))
        (if (car r) (cdr r) (raise (cdr r))))
      p))
(define (%awaiting proc)
  (lambda args (%await (apply proc args))))
`;

export class Interop {
  readonly bridge: Bridge;
  /** Nesting of interpreter runs, and the depth of the run that may suspend (-1: none). */
  private depth = 0;
  private suspendable = -1;
  private readonly f: Cell;
  private readonly args: Cell;
  private readonly thunk: Closure;
  private readonly makeAwaiting: Value;

  constructor(private readonly rt: InteropHost, options: JsOptions = {}) {
    const vm = rt.vm;
    const run = vm.run.bind(vm);
    vm.run = (clo: Closure): Value => {
      this.depth++;
      try { return run(clo); } finally { this.depth--; }
    };
    this.bridge = {
      callScheme: (proc, args) => this.callScheme(proc, args),
      callJS: (fn, self, args, name) => {
        try { return fn.apply(self, args); }
        catch (e) { if (passesThrough(e)) throw e; return throwIntoScheme(e, name); }
      },
    };
    installJsAccess(rt, {
      bridge: this.bridge, globals: options.globals ?? {}, full: options.full ?? false,
      requireModule: options.requireModule ?? null,
    });
    for (const spec of this.primitives()) rt.defineValue(spec.name, toPrimitive(spec));
    const env = rt.newTopLevel("kiln:interop");
    rt.evalForms(readAll(SCHEME_SIDE, "kiln:interop"), env);
    const cell = (name: string): Cell => {
      const b = env.map.get(intern(name));
      if (b?.kind !== "global") throw new Error(`interop: ${name} not defined`);
      return b.cell;
    };
    this.f = cell("%f");
    this.args = cell("%args");
    this.thunk = cell("%thunk").value as Closure;
    this.makeAwaiting = cell("%awaiting").value;
    rt.defineValue("%await", cell("%await").value);
  }

  private primitives(): PrimSpec[] {
    return [
      prim("%suspend", 2, 2, (p: Value, k: Value) => {
        if (this.depth !== this.suspendable) {
          schemeError(this.suspendable < 0
            ? "await: not inside an asynchronous evaluation (use evaluateAsync, or run the program with the kiln command)"
            : "await: cannot suspend inside a call from JavaScript (a Scheme procedure called back by JS must not await)");
        }
        return new Suspend(p as PromiseLike<unknown>, k as ContinuationProc);
      }),
    ];
  }

  /** Call a Scheme procedure from JS: a nested run with empty handler and dynamic-wind stacks. */
  callScheme(proc: Value, args: Value[]): Value {
    const vm = this.rt.vm;
    const { handlers, winders } = vm;
    this.f.value = proc;
    this.args.value = arrayToList(args);
    vm.handlers = NIL; vm.winders = NIL;
    try {
      return vm.run(this.thunk);
    } catch (e) {
      if (passesThrough(e) || e instanceof ExitSignal) throw e;
      throw jsErrorOf(e);
    } finally {
      vm.handlers = handlers; vm.winders = winders;
    }
  }

  /** A Scheme procedure that calls `proc` and awaits the promise it returns. */
  awaiting(proc: Value): Value {
    return this.callScheme(this.makeAwaiting, [proc]);
  }

  /**
   * Run `clo` to completion, suspending at each await: each slice of running happens inside
   * `slice` (which sets up ports and budgets), and the promise is awaited between slices.
   */
  async runAsync(clo: Closure, slice: (run: () => Value) => Value = (run) => run(), waitFor?: Waiter): Promise<Value> {
    return this.runMaybeAsync(clo, slice, waitFor);
  }

  /**
   * Like runAsync, but synchronous until the first await: a program that never awaits gets
   * its value back directly, one that does gets a promise of it.
   */
  runMaybeAsync(clo: Closure, slice: (run: () => Value) => Value = (run) => run(),
                waitFor: Waiter = (p) => p): Value | Promise<Value> {
    const r = slice(() => this.runSuspendable(clo));
    return r instanceof Suspend ? this.continueAfter(r, slice, waitFor) : r;
  }

  private async continueAfter(first: Suspend, slice: (run: () => Value) => Value, waitFor: Waiter): Promise<Value> {
    let r: Value = first;
    while (r instanceof Suspend) {
      const { promise, k } = r;
      let settled: Value;
      try {
        settled = new Pair(true, toScheme(await waitFor(promise), this.bridge));
      } catch (e) {
        // An interrupt while waiting (time limit, abort) ends the evaluation: Scheme never sees it.
        if (passesThrough(e)) throw e;
        settled = new Pair(false, schemeConditionOf(e, "await"));
      }
      r = slice(() => this.resume(k, settled));
    }
    return r;
  }

  /**
   * Run `clo` as the run that await may suspend. A suspended run ends without unwinding its
   * handler and dynamic-wind stacks (they live on in its continuation), so each run starts
   * from `dynamic` (or the current ones) and puts the previous ones back when it ends.
   */
  private runSuspendable(clo: Closure, dynamic?: { handlers: Value; winders: Value }): Value {
    const vm = this.rt.vm;
    const saved = { handlers: vm.handlers, winders: vm.winders, suspendable: this.suspendable };
    if (dynamic) { vm.handlers = dynamic.handlers; vm.winders = dynamic.winders; }
    this.suspendable = this.depth + 1;
    try { return vm.run(clo); } finally {
      vm.handlers = saved.handlers; vm.winders = saved.winders; this.suspendable = saved.suspendable;
    }
  }

  /** Continue a suspended computation: throw `settled` into its continuation, in a new run. */
  private resume(k: ContinuationProc, settled: Value): Value {
    this.f.value = k;
    this.args.value = new Pair(settled, NIL);
    // Suspension did not leave the await's dynamic extent: re-entering it runs no `before` thunks.
    return this.runSuspendable(this.thunk, { handlers: k.handlers, winders: k.winders });
  }
}

export { isThenable };
