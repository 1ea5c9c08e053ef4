// Builtins of R7RS 6.10 (control), 6.11 (exceptions) and 5.5 (records) that need the
// interpreter: they return VmRequests (apply, call/cc, continuation throws, exit) or read and
// write its dynamic state. Everything that calls back into Scheme more than once (dynamic-wind,
// with-exception-handler, raise, guard, parameterize, promises) is Scheme in the prelude,
// built on these.

import {
  Value, UNSPECIFIED, MultipleValues, ErrorObject, ContinuationProc, Parameter, RecordType, Record,
  Primitive, MString, Sym, listToArray, arrayToList, NIL,
} from "../runtime/values.js";
import { PrimSpec, prim } from "../runtime/primitive.js";
import { SchemeError, typeError } from "../runtime/errors.js";
import { Interpreter } from "./interpreter.js";
import { Capture, Exit, TailCall, Throw, Uncaught } from "./requests.js";

function raiseContinuable(vm: Interpreter, obj: Value): Value {
  if (vm.handlers === NIL || vm.hooks === null) throw new SchemeError(obj, true);
  return new TailCall(vm.hooks.raiseContinuable.value, [obj]);
}

function listArg(who: string, x: Value): Value[] {
  const xs = listToArray(x);
  if (xs === null) typeError(who, "a proper list", x);
  return xs;
}

export function controlPrimitives(vm: Interpreter): PrimSpec[] {
  return [
    prim("apply", 1, -1, (args: Value[]) => {
      const f = args[0];
      if (args.length === 1) return new TailCall(f, []);
      if (args.length === 2) {
        const xs = listArg("apply", args[1]);
        // A primitive is called here rather than through a TailCall the caller then takes apart
        // (interp's primitive calls: 12% of its profile): its result, or the request it returns,
        // is apply's. Arity errors are left to the TailCall, which reports them as a call does.
        if (f instanceof Primitive && f.accepts(xs.length)) return f.applyTo(xs);
        return new TailCall(f, xs);
      }
      const spread = args.slice(1, -1);
      const last = listArg("apply", args[args.length - 1]);
      for (const x of last) spread.push(x);
      return new TailCall(f, spread);
    }),
    prim("values", 0, -1, (args: Value[]) => (args.length === 1 ? args[0] : new MultipleValues(args))),
    prim("%apply-values", 2, 2, (f: Value, v: Value) =>
      new TailCall(f, v instanceof MultipleValues ? v.vals.slice() : [v])),
    prim("call-with-current-continuation", 1, 1, (f: Value) => new Capture(f)),
    prim("call/cc", 1, 1, (f: Value) => new Capture(f)),
    prim("%throw", 2, 2, (k: Value, v: Value) => new Throw(k as ContinuationProc, v)),
    prim("%winders", 0, 0, () => vm.winders),
    prim("%set-winders!", 1, 1, (w: Value) => { vm.winders = w; return UNSPECIFIED; }),
    prim("%handlers", 0, 0, () => vm.handlers),
    prim("%set-handlers!", 1, 1, (h: Value) => { vm.handlers = h; return UNSPECIFIED; }),
    prim("%uncaught", 1, 1, (obj: Value) => new Uncaught(obj)),
    // R7RS 6.11. raise is thrown here, as `error` is: the interpreter (and native code, through
    // the same fault path) then calls %raise (the prelude, core.scm) above the frame that
    // called raise, never in place of it, even when that call was a tail call. So an uncaught
    // raise, or one that a guard re-raises, is reported with that frame's position and
    // backtrace. (raise never returns to that frame: the handler escapes or it is an error.)
    prim("raise", 1, 1, (obj: Value) => { throw new SchemeError(obj); }),
    // raise-continuable returns the handler's value to its caller: with a handler installed it
    // is %raise-continuable, called in its place; with none it is uncaught, thrown like raise.
    prim("raise-continuable", 1, 1, (obj: Value) => raiseContinuable(vm, obj)),
    prim("%exit", 1, 1, (code: Value) => new Exit(exitCode(code))),
    prim("emergency-exit", 0, 1, (code: Value) => new Exit(exitCode(code === undefined ? true : code))),

    prim("error", 1, -1, (args: Value[]) => {
      const msg = args[0];
      throw new SchemeError(new ErrorObject(msg instanceof MString ? msg.toString() : displayish(msg), arrayToList(args.slice(1))));
    }),
    prim("error-object?", 1, 1, (x: Value) => x instanceof ErrorObject),
    prim("error-object-message", 1, 1, (x: Value) =>
      x instanceof ErrorObject ? new MString(x.message) : typeError("error-object-message", "an error object", x)),
    prim("error-object-irritants", 1, 1, (x: Value) =>
      x instanceof ErrorObject ? x.irritants : typeError("error-object-irritants", "an error object", x)),
    prim("file-error?", 1, 1, (x: Value) => x instanceof ErrorObject && x.kind === "file"),
    prim("read-error?", 1, 1, (x: Value) => x instanceof ErrorObject && x.kind === "read"),
    prim("%make-error", 2, 2, (msg: Value, irritants: Value) => new ErrorObject(String(msg), irritants)),

    prim("%make-parameter", 2, 2, (v: Value, conv: Value) => new Parameter(v, conv)),
    prim("%parameter?", 1, 1, (p: Value) => p instanceof Parameter),
    prim("%parameter-converter", 1, 1, (p: Value) =>
      p instanceof Parameter ? p.converter : typeError("parameterize", "a parameter object", p)),
    prim("%parameter-value", 1, 1, (p: Value) => (p as Parameter).value),
    prim("%set-parameter-value!", 2, 2, (p: Value, v: Value) => { (p as Parameter).value = v; return UNSPECIFIED; }),

    prim("%make-record-type", 2, 2, (name: Value, fields: Value) =>
      new RecordType(stripBrackets((name as Sym).name), listArg("define-record-type", fields) as Sym[])),
    prim("%record-constructor", 2, 2, (rtdArg: Value, fields: Value) => {
      const rtd = recordType(rtdArg);
      const idx = listArg("define-record-type", fields).map((f) => rtd.fields.indexOf(f as Sym));
      const n = rtd.fields.length;
      return new Primitive(`make-${rtd.name}`, idx.length, idx.length, (...args: Value[]) => {
        const vals: Value[] = new Array(n).fill(false);
        for (let i = 0; i < idx.length; i++) vals[idx[i]] = args[i];
        return new Record(rtd, vals);
      });
    }),
    prim("%record-predicate", 1, 1, (rtdArg: Value) => {
      const rtd = recordType(rtdArg);
      return new Primitive(`${rtd.name}?`, 1, 1, (x: Value) => x instanceof Record && x.rtd === rtd);
    }),
    prim("%record-accessor", 2, 2, (rtdArg: Value, field: Sym) => {
      const rtd = recordType(rtdArg);
      const i = rtd.fields.indexOf(field);
      const who = `${rtd.name}-${field.name}`;
      return new Primitive(who, 1, 1, (x: Value) =>
        x instanceof Record && x.rtd === rtd ? x.fields[i] : typeError(who, `a ${rtd.name} record`, x));
    }),
    prim("%record-modifier", 2, 2, (rtdArg: Value, field: Sym) => {
      const rtd = recordType(rtdArg);
      const i = rtd.fields.indexOf(field);
      const who = `set-${rtd.name}-${field.name}!`;
      return new Primitive(who, 2, 2, (x: Value, v: Value) => {
        if (!(x instanceof Record && x.rtd === rtd)) typeError(who, `a ${rtd.name} record`, x);
        x.fields[i] = v;
        return UNSPECIFIED;
      });
    }),
    prim("%record?", 1, 1, (x: Value) => x instanceof Record),
  ];
}

/** The record type a define-record-type expansion refers to (the program may have redefined its name). */
function recordType(x: Value): RecordType {
  if (x instanceof RecordType) return x;
  return typeError("define-record-type", "a record type (was the type's name redefined?)", x);
}

function exitCode(code: Value): number {
  if (code === undefined || code === true) return 0;
  if (code === false) return 1;
  if (typeof code === "number" && Number.isInteger(code)) return code & 0xff;
  return 0;
}

function stripBrackets(name: string): string {
  return name.startsWith("<") && name.endsWith(">") && name.length > 2 ? name.slice(1, -1) : name;
}

function displayish(x: Value): string {
  if (x instanceof Sym) return x.name;
  return String(x);
}

