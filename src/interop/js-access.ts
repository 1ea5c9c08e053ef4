// The primitives behind `(kiln js)` (src/lib/libraries/kiln/js.sld renames them): JavaScript
// from Scheme. Arguments going to JS are converted with toJS (deep), results coming back with
// toScheme (deep; arrays become vectors), so strings, numbers, procedures and lists cross
// naturally and other objects pass through as opaque values.
//
// What is reachable is the embedder's choice (`JsAccess`): `globals` are what js-global finds;
// `full` adds every global of the realm (the CLI); `requireModule` serves js-import. Without
// `full` (a sandbox), property names that lead out of the sandbox (`constructor`, `__proto__`,
// `prototype`, the legacy getter/setter definers) are refused, and so is any value that is a
// function constructor, `eval` or the global object: from a vector (a JS array) or a Scheme
// procedure turned into a JS function, `constructor` twice would otherwise reach `Function`.

import { Value, Primitive, MString, Sym, UNSPECIFIED } from "../runtime/values.js";
import { PrimSpec, prim } from "../runtime/primitive.js";
import { schemeError, typeError } from "../runtime/errors.js";
import { Bridge, toJS, toScheme, isSchemeValue, jsFunctionBehind } from "./convert.js";

export interface JsAccess {
  bridge: Bridge;
  globals: Record<string, unknown>;
  full: boolean;
  requireModule: ((specifier: string) => unknown) | null;
}

/** Where the runtime keeps the installed access (replaced by a later install). */
export interface JsAccessHost {
  defineValue(name: string, value: Value): void;
}

const DENIED_KEYS = new Set([
  "constructor", "__proto__", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
]);

// eslint-disable-next-line @typescript-eslint/no-empty-function
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
// eslint-disable-next-line @typescript-eslint/no-empty-function
const GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
// eslint-disable-next-line @typescript-eslint/no-empty-function
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor;
const DENIED_VALUES = new Set<unknown>([Function, AsyncFunction, GeneratorFunction, AsyncGeneratorFunction, eval, globalThis]);

export function jsPrimitives(access: JsAccess): PrimSpec[] {
  const { bridge } = access;
  const js = (x: Value): unknown => toJS(x, bridge);
  const back = (x: unknown): Value => toScheme(x, bridge);

  const keyOf = (who: string, k: Value): string | number => {
    let key: string | number;
    if (k instanceof MString) key = k.toString();
    else if (k instanceof Sym) key = k.name;
    else if (typeof k === "number" && Number.isInteger(k) && k >= 0) key = k;
    else return typeError(who, "a string, symbol or index as the property name", k);
    if (!access.full && typeof key === "string" && DENIED_KEYS.has(key)) schemeError(`${who}: property ${key} is not accessible in this sandbox`);
    return key;
  };
  const checked = (who: string, v: unknown): unknown => {
    if (!access.full && DENIED_VALUES.has(v)) schemeError(`${who}: value not accessible in this sandbox`);
    return v;
  };
  const target = (who: string, o: Value): Record<string | number, unknown> => {
    const t = js(o);
    if (t === null || t === undefined) typeError(who, "an object", o);
    return Object(t) as Record<string | number, unknown>;
  };
  const callJS = (who: string, fn: unknown, self: unknown, args: Value[]): Value => {
    if (typeof fn !== "function") schemeError(`${who}: not a JavaScript function`, back(fn));
    checked(who, fn);
    return back(checked(who, bridge.callJS(fn as (...a: unknown[]) => unknown, self, args.map(js), who)));
  };

  return [
    prim("%js-global", 1, 1, (name: Value) => {
      const n = name instanceof MString ? name.toString() : name instanceof Sym ? name.name : typeError("js-global", "a string", name);
      if (Object.hasOwn(access.globals, n)) return back(access.globals[n]);
      if (access.full && n in globalThis) return back(checked("js-global", (globalThis as Record<string, unknown>)[n]));
      return schemeError(`js-global: no global ${n} ${access.full ? "in this JavaScript realm" : "was granted to this runtime"}`);
    }),
    prim("%js-ref", 2, 2, (o: Value, k: Value) => back(checked("js-ref", target("js-ref", o)[keyOf("js-ref", k)]))),
    prim("%js-set!", 3, 3, (o: Value, k: Value, v: Value) => {
      const t = target("js-set!", o);
      t[keyOf("js-set!", k)] = js(v);
      return UNSPECIFIED;
    }),
    prim("%js-call", 2, -1, (args: Value[]) => {
      const t = target("js-call", args[0]);
      return callJS("js-call", t[keyOf("js-call", args[1])], t, args.slice(2));
    }),
    prim("%js-invoke", 1, -1, (args: Value[]) => callJS("js-invoke", js(args[0]), undefined, args.slice(1))),
    prim("%js-new", 1, -1, (args: Value[]) => {
      const C = js(args[0]);
      if (typeof C !== "function") return schemeError("js-new: not a JavaScript constructor", args[0]);
      checked("js-new", C);
      try {
        return back(Reflect.construct(C, args.slice(1).map(js)));
      } catch (e) {
        return bridge.callJS(() => { throw e; }, undefined, [], "js-new") as Value;
      }
    }),
    prim("%js-import", 1, 1, (spec: Value) => {
      const s = spec instanceof MString ? spec.toString() : typeError("js-import", "a module name string", spec);
      if (access.requireModule === null) return schemeError("js-import: this runtime grants no JavaScript modules", spec);
      const req = access.requireModule;
      return back(bridge.callJS(() => req(s), undefined, [], "js-import"));
    }),
    prim("%js-object", 0, -1, (args: Value[]) => {
      if (args.length % 2 !== 0) schemeError("js-object: expected alternating keys and values", ...args);
      const o: Record<string | number, unknown> = {};
      for (let i = 0; i < args.length; i += 2) o[keyOf("js-object", args[i])] = js(args[i + 1]);
      return o;
    }),
    prim("%js-typeof", 1, 1, (x: Value) => new MString(typeof js(x))),
    prim("%js-object?", 1, 1, (x: Value) => x !== null && typeof x === "object" && !isSchemeValue(x)),
    prim("%js-function?", 1, 1, (x: Value) => typeof x === "function" || (x instanceof Primitive && jsFunctionBehind(x) !== null)),
    prim("%js-null?", 1, 1, (x: Value) => x === null),
    prim("%js-undefined?", 1, 1, (x: Value) => x === undefined || x === UNSPECIFIED),
    prim("%js-promise?", 1, 1, (x: Value) => isThenable(x)),
    prim("%js-null", 0, 0, () => null),
    prim("%js->scheme", 1, 1, (x: Value) => back(x)),
    prim("%scheme->js", 1, 1, (x: Value) => js(x)),
    prim("%js-instanceof?", 2, 2, (x: Value, C: Value) => {
      const c = js(C);
      return typeof c === "function" && js(x) instanceof (c as new () => unknown);
    }),
  ];
}

export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (typeof x === "object" || typeof x === "function") && x !== null && typeof (x as { then?: unknown }).then === "function";
}

/** Define the %js-* primitives in a runtime's core (the (kiln js) library exports them). */
export function installJsAccess(rt: JsAccessHost, access: JsAccess): void {
  for (const spec of jsPrimitives(access)) rt.defineValue(spec.name, new Primitive(spec.name, spec.min, spec.max, spec.fn));
}
