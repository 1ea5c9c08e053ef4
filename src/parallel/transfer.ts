// Values to bytes and back for the pool, around the one value serializer (src/serial/values.ts,
// owned by the code cache): this file adds what only parallel Scheme needs, as a serializer
// extension and a record-type resolver.
//
//   procedures    by name (naming.ts): library key and global name; the receiving runtime
//                 loads the library if it has not yet. Closures over local state are refused.
//   record types  the same way: a record of a type a library defines is rebuilt with the type
//                 of that name on the other side (so its predicate and accessors work there).
//   hash tables   SRFI 69 / R7RS-large tables are records (above) around a HashStore: the store
//                 crosses as its kind and associations and is rebuilt by inserting them again
//                 (a table with a custom hash procedure keeps its buckets: the procedure must
//                 give the same hash on every thread, as string-hash and equal-hash do).
//   channels      by their number: every thread sees the same channel.
//   values        a task's multiple values (or none) come back as such.
//   futures       refused: a future is touched by the thread that made it.

import { Value, isProcedure, Pair, MultipleValues } from "../runtime/values.js";
import { serialize, deserialize, SerialExtension } from "../serial/values.js";
import { ByteReader, ByteWriter, SerialError } from "../serial/bytes.js";
import { HashStore } from "../lib/srfi-hash.js";
import { schemeError } from "../runtime/errors.js";
import { Names } from "./naming.js";
import { writeString } from "../runtime/printer.js";

/** A channel: values put on any thread are got, each once, on any thread (scheduler.ts routes them). */
export class Channel {
  constructor(readonly id: number) {}
}

/** A future: a task's id and, once touched, its outcome (kept so a second touch gives the same). */
export class Future {
  done = false;
  value: Value = undefined;
  /** Set when the task failed: the condition raised at every touch. */
  error: Value = undefined;
  /** `home`: the runtime's parallel state that made it (only it can touch it). */
  constructor(readonly id: number, readonly home: object) {}
}

const EXT_PROCEDURE = 0, EXT_STORE = 1, EXT_CHANNEL = 2, EXT_VALUES = 3;
/** HashStore kind of a table with a custom hash procedure (src/lib/srfi-hash.ts). */
const GENERIC = 5;

/** Serializer options for one runtime: naming its procedures and record types, rebuilding stores. */
export class Transfer {
  constructor(readonly names: Names) {}

  /** Bytes of `v`; a Scheme error saying what could not be copied otherwise. */
  encode(who: string, v: Value): Uint8Array {
    try {
      return serialize(v, { extension: this.extension([]), records: this.records() });
    } catch (e) {
      if (e instanceof SerialError) schemeError(`${who}: cannot send this value to another thread: ${e.message}`, ...(e.irritant !== undefined ? [e.irritant as Value] : []));
      throw e;
    }
  }

  /** The value of bytes from `encode` (on any thread). */
  decode(bytes: Uint8Array): Value {
    const stores: { store: HashStore; children: Value[] }[] = [];
    const v = deserialize(bytes, { extension: this.extension(stores), records: this.records() });
    for (const { store, children } of stores) rebuild(store, children);
    return v;
  }

  private records(): { keyOf(rtd: object): string | null; typeOf(key: string, n: number): never } {
    const names = this.names;
    return {
      keyOf: (rtd) => {
        const g = names.nameOf(rtd);
        return g === null ? null : `${g.library}\t${g.name}`;
      },
      typeOf: (key) => {
        const [library, name] = key.split("\t");
        return names.resolve({ library, name }) as never;
      },
    };
  }

  private extension(stores: { store: HashStore; children: Value[] }[]): SerialExtension {
    const names = this.names;
    return {
      encode(v: object, w: ByteWriter): Value[] | null {
        if (isProcedure(v)) {
          const g = names.nameOf(v);
          if (g === null) {
            throw new SerialError(`${writeString(v as Value, "write")} is a procedure that is not named by a library and a global name ` +
              "(closures over local state cannot be copied)", v);
          }
          w.u8(EXT_PROCEDURE); w.str(g.library); w.str(g.name);
          return [];
        }
        if (v instanceof HashStore) {
          w.u8(EXT_STORE); w.uint(v.kind);
          const children: Value[] = [];
          if (v.kind === GENERIC) for (const [h, bucket] of v.map) children.push(h, bucket);
          else for (const [k, x] of v.entries()) children.push(k, x);
          w.uint(children.length);
          return children;
        }
        if (v instanceof Channel) { w.u8(EXT_CHANNEL); w.uint(v.id); return []; }
        // A task that returns several values (or none): touch returns them all.
        if (v instanceof MultipleValues) { w.u8(EXT_VALUES); w.uint(v.vals.length); return v.vals; }
        if (v instanceof Future) throw new SerialError("a future cannot be sent to another thread (touch it where it was made)", v);
        return null;
      },
      decode(r: ByteReader): { value: object; children: Value[] } {
        const kind = r.u8();
        switch (kind) {
          case EXT_PROCEDURE: {
            const library = r.str(), name = r.str();
            let p: Value;
            try { p = names.resolve({ library, name }); } catch (e) {
              throw new SerialError(`cannot find procedure ${name} of ${library === "" ? "the builtins" : `(${library})`}: ${e instanceof Error ? e.message : String(e)}`);
            }
            if (!isProcedure(p)) throw new SerialError(`${name} of (${library}) is not a procedure on this thread`);
            return { value: p as object, children: [] };
          }
          case EXT_STORE: {
            const store = new HashStore(r.uint());
            const children: Value[] = new Array(r.count(1, "hash table size")).fill(undefined);
            stores.push({ store, children });
            return { value: store, children };
          }
          case EXT_CHANNEL: return { value: new Channel(r.uint()), children: [] };
          case EXT_VALUES: {
            const vals: Value[] = new Array(r.count(1, "number of values")).fill(undefined);
            return { value: new MultipleValues(vals), children: vals };
          }
          default: return r.fail(`unknown parallel extension ${kind}`);
        }
      },
    };
  }
}

/** Put the associations read for a store back in (the reader filled `children` after creating it). */
function rebuild(store: HashStore, children: Value[]): void {
  if (store.kind === GENERIC) {
    for (let i = 0; i < children.length; i += 2) {
      store.map.set(children[i], children[i + 1]);
      for (let l = children[i + 1]; l instanceof Pair; l = l.cdr) store.size++;
    }
    return;
  }
  for (let i = 0; i < children.length; i += 2) store.set(children[i], children[i + 1]);
}
