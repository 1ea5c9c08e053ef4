// SRFI 124 (ephemerons) on the engine's weak references, as %-prefixed primitives that
// src/lib/libraries/srfi/124.sld exports under the SRFI's names.
//
// An ephemeron holds its key through a WeakRef and its datum in a WeakMap keyed by that key,
// so the datum is reachable through the ephemeron only while the key is (a datum that refers
// back to its key does not keep the key alive): the semantics of an ephemeron, with the
// engine's garbage collector deciding when it breaks. Keys that are not JS objects (numbers,
// booleans, the empty list and other singletons are objects, so mostly fixnums, flonums and
// bignums) cannot be weakly held; those ephemerons hold key and datum strongly and never break.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { typeError } from "../runtime/errors.js";
import { UNSPECIFIED, Value } from "../runtime/values.js";

export class Ephemeron {
  private readonly weakKey: WeakRef<object> | null;
  private readonly data: WeakMap<object, Value> | null;
  private readonly strong: { key: Value; datum: Value } | null;

  constructor(key: Value, datum: Value) {
    if ((typeof key === "object" && key !== null) || typeof key === "function") {
      this.weakKey = new WeakRef(key);
      this.data = new WeakMap([[key, datum]]);
      this.strong = null;
    } else {
      this.weakKey = null;
      this.data = null;
      this.strong = { key, datum };
    }
  }

  /** The key, or undefined once broken. */
  key(): Value {
    return this.strong !== null ? this.strong.key : this.weakKey!.deref();
  }

  datum(): Value {
    if (this.strong !== null) return this.strong.datum;
    const k = this.weakKey!.deref();
    return k === undefined ? undefined : this.data!.get(k);
  }
}

function ephemeronArg(who: string, x: Value): Ephemeron {
  if (x instanceof Ephemeron) return x;
  return typeError(who, "an ephemeron", x);
}

export const ephemeronPrimitives: PrimSpec[] = [
  prim("%make-ephemeron", 2, 2, (key: Value, datum: Value) => new Ephemeron(key, datum)),
  prim("%ephemeron?", 1, 1, (x: Value) => x instanceof Ephemeron),
  prim("%ephemeron-key", 1, 1, (e: Value) => ephemeronArg("ephemeron-key", e).key() ?? false),
  prim("%ephemeron-datum", 1, 1, (e: Value) => {
    const eph = ephemeronArg("ephemeron-datum", e);
    return eph.key() === undefined ? false : eph.datum();
  }),
  prim("%ephemeron-broken?", 1, 1, (e: Value) => ephemeronArg("ephemeron-broken?", e).key() === undefined),
  // Taking the key as an argument keeps it reachable until the call returns.
  prim("%reference-barrier", 1, 1, (_key: Value) => UNSPECIFIED),
];
