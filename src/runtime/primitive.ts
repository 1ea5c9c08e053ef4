// The shape of a builtin table entry. Each library file under src/lib exports an array of
// these; the runtime installs them as global bindings. `max` is -1 for a variadic procedure,
// whose implementation receives its arguments as one JS array; otherwise it receives them
// positionally, with missing optional arguments as `undefined`.

import { Primitive } from "./values.js";

export interface PrimSpec {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  // eslint-disable-next-line @typescript-eslint/ban-types
  readonly fn: Function;
}

// eslint-disable-next-line @typescript-eslint/ban-types
export function prim(name: string, min: number, max: number, fn: Function): PrimSpec {
  return { name, min, max, fn };
}

export function toPrimitive(p: PrimSpec): Primitive {
  return new Primitive(p.name, p.min, p.max, p.fn);
}
