// Procedures and record types cross to a worker by name: the library that defines them and the
// global name they have there (or a builtin's name), never by copying code. Each worker loads
// the program's libraries the way the program did (same search path, the program's own
// `define-library` forms), so a name finds the same definition on every thread.
//
// A closure that is not the value of such a global (a lambda over local variables, a procedure
// defined by the program's top level or the REPL) is refused here with the reason.

import { Value, Sym, intern, isProcedure, RecordType, Primitive, arrayToList } from "../runtime/values.js";
import { Closure } from "../bytecode/code.js";
import type { Env } from "../expander/environment.js";
import type { Runtime } from "../api/runtime.js";
import { schemeError } from "../runtime/errors.js";
import { writeString } from "../runtime/printer.js";

/** A definition's address: library key ("" for the builtins) and its global name there. */
export interface GlobalName { readonly library: string; readonly name: string }

/** The top-level environments of the libraries a runtime loaded, by key. */
export function loadedLibraryEnvs(rt: Runtime): Map<string, Env> {
  const out = new Map<string, Env>();
  for (const lib of rt.libraries.loadedLibraries()) if (lib.env !== null) out.set(lib.name, lib.env);
  return out;
}

/** Finds the global names of values (procedures, record types) in one runtime; cached. */
export class Names {
  private readonly known = new Map<object, GlobalName>();

  constructor(private readonly rt: Runtime) {}

  /** The name of `v`, or null when no library (nor the builtins) defines a global holding it. */
  nameOf(v: object): GlobalName | null {
    const hit = this.known.get(v);
    if (hit !== undefined) return hit;
    // A miss scans again (a library loaded or redefined since): misses are refusals, so rare.
    const libs = loadedLibraryEnvs(this.rt);
    this.scan("", this.rt.core);
    for (const [key, env] of libs) this.scan(key, env);
    return this.known.get(v) ?? null;
  }

  private scan(library: string, env: Env): void {
    for (const [id, b] of env.map) {
      if (!(id instanceof Sym) || b.kind !== "global") continue;
      const v = b.cell.value;
      if (v !== null && typeof v === "object" && (isProcedure(v) || v instanceof RecordType) && !this.known.has(v)) {
        this.known.set(v, { library, name: id.name });
      }
    }
  }

  /** The name of a procedure to run on a worker; raises saying why when it has none. */
  procedureName(who: string, proc: Value): GlobalName {
    if (!isProcedure(proc)) schemeError(`${who}: expected a procedure`, proc);
    const found = this.nameOf(proc as object);
    if (found !== null) return found;
    return schemeError(`${who}: ${refusal(this.rt, proc)}`, proc);
  }

  /** The value a name denotes in this runtime, loading its library first if needed. */
  resolve(g: GlobalName): Value {
    let env: Env;
    if (g.library === "") env = this.rt.core;
    else {
      const parts = g.library.split(" ").map((p): Value => (/^\d+$/.test(p) ? Number(p) : intern(p)));
      const lib = this.rt.libraries.get(arrayToList(parts), null);
      if (lib.env === null) throw new Error(`library (${g.library}) has no top level`);
      env = lib.env;
    }
    const b = env.map.get(intern(g.name));
    if (b?.kind !== "global") throw new Error(`${g.name} is not defined by ${g.library === "" ? "the builtins" : `library (${g.library})`} on this worker`);
    return b.cell.value;
  }
}

/** Why `proc` cannot be sent to a worker, in words a programmer can act on. */
function refusal(rt: Runtime, proc: Value): string {
  const shown = writeString(proc, "write");
  const onTop = rt.interaction !== null && [...rt.interaction.map.values()].some((b) => b.kind === "global" && b.cell.value === proc);
  if (onTop) {
    return `${shown} is defined by the program's top level, which workers do not run; ` +
      "procedures that run on workers must be named by a library and a global name: define it in a (define-library ...)";
  }
  const free = proc instanceof Closure ? proc.free.length : 0;
  const why = free > 0
    ? `it is a closure over ${free} local variable${free === 1 ? "" : "s"}, which cannot be copied to another thread`
    : proc instanceof Primitive ? "it is not a builtin that workers have" : "it is not the value of a global defined by a library";
  return `cannot send ${shown} to a worker: ${why}; procedures that run on workers must be named by a library ` +
    "and a global name (define it in a (define-library ...) and pass the values it needs as arguments)";
}

/** The list of a library key's parts, for messages. */
export function showLibrary(key: string): string { return key === "" ? "the builtins" : `(${key})`; }

