// The shape of a builtin table entry. Each library file under src/lib exports an array of
// these; the runtime installs them as global bindings. `max` is -1 for a variadic procedure,
// whose implementation receives its arguments as one JS array; otherwise it receives them
// positionally, with missing optional arguments as `undefined`. A variadic one may add
// `positional`, the same procedure taking its arguments positionally (values.ts, Primitive).

import { Primitive, Value } from "./values.js";

export interface PrimSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  // eslint-disable-next-line @typescript-eslint/ban-types
  readonly fn: Function;
  // eslint-disable-next-line @typescript-eslint/ban-types
  readonly positional?: Function;
}

// eslint-disable-next-line @typescript-eslint/ban-types
export function prim(name: string, min: number, max: number, fn: Function, positional?: Function): PrimSpec {
  return { name, min, max, fn, positional };
}

export function toPrimitive(p: PrimSpec): Primitive {
  return new Primitive(p.name, p.min, p.max, p.fn, p.positional);
}

/**
 * The positional entry of a variadic primitive whose common call has two arguments: `two`
 * for that call (no argument array), `all` (the array implementation) for any other count.
 */
// eslint-disable-next-line @typescript-eslint/ban-types
export function pairwise(two: (a: Value, b: Value) => Value, all: (args: Value[]) => Value): Function {
  return function (a: Value, b: Value): Value {
    // eslint-disable-next-line prefer-rest-params
    return arguments.length === 2 ? two(a, b) : all(Array.prototype.slice.call(arguments));
  };
}
