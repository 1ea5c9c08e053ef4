// A compilation unit (a prelude file, a library body, a program) as the code cache keeps it.
//
// Compiling a unit from source does three things the compiled Code alone does not redo when it
// runs: it binds imports into the unit's top level, it registers the macros the unit defines
// (define-syntax), and it creates global cells. So a saved unit is
//   meta:  the unit's import sets, its top-level define-syntax forms (source, with positions:
//          re-registering a syntax-rules macro costs microseconds) and, for a library, its
//          export specs;
//   code:  the top-level Code, global cells named by (owner environment, symbol).
// Loading replays the imports and macros, then reads the Code (its cells resolve against the
// now-complete environments), verifies it, re-checks every inline primitive against the live
// builtins, and returns a closure to run. A Recording watches a unit compile from source and
// says whether what happened can be replayed that way (anything else: the unit is not cached).

import { Value, Pair, Sym, MString, Primitive, listToArray, arrayToList, UNBOUND } from "../runtime/values.js";
import { Closure, Code } from "../bytecode/code.js";
import { Op, OPCODES, OPCODE_COUNT } from "../bytecode/opcodes.js";
import { Binding, Cell, Env, Alias, lookup } from "../expander/environment.js";
import { Expander } from "../expander/expander.js";
import { Library, LibraryManager } from "../expander/libraries.js";
import { positionOf, sourcePositions } from "../reader/source-map.js";
import { ByteReader, ByteWriter, SerialError } from "../serial/bytes.js";
import { readValue, writeValue, SerialOptions } from "../serial/values.js";
import { CellNaming, readCodeTable, writeCodeTable } from "./code-serial.js";
import { InlineSite } from "./verify.js";
import { LazyUnit } from "./lazy-code.js";
import { SyntaxError } from "../expander/errors.js";
import { markConstant } from "../runtime/constants.js";

/** The owner key of the core environment's cells; a library's is its key ("srfi 1"). */
export const CORE_OWNER = "core";

/** What loading and saving units needs from a runtime. */
export interface UnitContext {
  readonly core: Env;
  readonly expander: Expander;
  readonly libraries: LibraryManager;
  /** Builtins that compiled code may inline, and the name each is inlined as. */
  readonly inlinable: ReadonlyMap<Primitive, string>;
  /** Register a Code holding inline ops (so redefining the builtin patches it). */
  registerInlined(code: Code): void;
}

/** What happened while one unit compiled from source. */
export class Recording {
  readonly imports: Value[] = [];
  readonly syntax: Value[] = [];
  /** Files read for includes: path and text. */
  readonly files: [string, string][] = [];
  /** Why the unit cannot be replayed from compiled code (null: it can). */
  refused: string | null = null;
  /** The macro bindings the top level had before (a prelude file compiles into the core). */
  readonly macrosBefore = new Set<Binding>();
  constructor(readonly env: Env, readonly owner: string) {
    for (const b of env.map.values()) if (b.kind === "macro" || b.kind === "special") this.macrosBefore.add(b);
  }
  refuse(why: string): void { this.refused ??= why; }
}

/** The Recordings of the units compiling right now (a program importing a library nests them). */
export class Recorder {
  private readonly active: Recording[] = [];

  begin(env: Env, owner: string): Recording {
    const r = new Recording(env, owner);
    this.active.push(r);
    return r;
  }
  end(r: Recording): void {
    const i = this.active.lastIndexOf(r);
    if (i >= 0) this.active.splice(i, 1);
  }
  private of(env: Env): Recording | undefined {
    const top = env.top();
    for (let i = this.active.length - 1; i >= 0; i--) if (this.active[i].env === top) return this.active[i];
    return undefined;
  }
  imported(env: Env, set: Value): void { this.of(env)?.imports.push(set); }
  syntax(form: Value, env: Env): void { this.of(env)?.syntax.push(form); }
  /** An include: belongs to the innermost unit compiling. */
  read(path: string, text: string): void { this.active[this.active.length - 1]?.files.push([path, text]); }
  /** Something a replay cannot redo happened in the innermost unit. */
  refuseInnermost(why: string): void { this.active[this.active.length - 1]?.refuse(why); }
}

// ---- saving -------------------------------------------------------------------------------

/** Cell -> owner key, for the environments a unit's code can reach. */
function cellOwners(ctx: UnitContext, unitEnv: Env, unitOwner: string): CellNaming {
  const owners = new Map<Cell, string>();
  const scan = (env: Env, key: string): void => {
    for (const [id, b] of env.map) if (b.kind === "global" && id instanceof Sym && !owners.has(b.cell) && b.cell.name === id) owners.set(b.cell, key);
  };
  scan(unitEnv, unitOwner);
  for (const key of ctx.libraries.loadedKeys()) { const e = ctx.libraries.loadedEnv(key); if (e && e !== unitEnv) scan(e, key); }
  if (unitEnv !== ctx.core) scan(ctx.core, CORE_OWNER);
  return { ownerOf: (cell) => owners.get(cell) ?? null, resolve: () => null };
}

const POSITIONS: SerialOptions["positions"] = {
  get: (x) => sourcePositions.get(x),
  set: (x, p) => { sourcePositions.set(x, p); },
};

/**
 * The bytes of a unit compiled from source, or a SerialError saying why it cannot be saved.
 * `exports` are a library's export specs (null for a prelude file or a program).
 */
export function encodeUnit(ctx: UnitContext, rec: Recording, code: Code,
  exports: readonly { inner: Sym; outer: Sym }[] | null, deps: readonly Dependency[] = [], w: ByteWriter = new ByteWriter()): Uint8Array {
  if (rec.refused !== null) throw new SerialError(rec.refused);
  // Every macro the unit's top level gained must be one of the recorded define-syntax forms.
  const defined = new Set<Value>();
  for (const f of rec.syntax) if (f instanceof Pair && f.cdr instanceof Pair) defined.add(f.cdr.car);
  for (const [id, b] of rec.env.map) {
    if ((b.kind === "macro" || b.kind === "special") && !rec.macrosBefore.has(b) && !defined.has(id)) throw new SerialError(`the macro ${String(id instanceof Alias ? id.base : id)} was not defined by a plain define-syntax`);
  }
  const exportList = exports === null ? false : arrayToList(exports.map((x) => new Pair(x.inner, x.outer)));
  const depList = arrayToList(deps.map((d) => d.map((x) => new MString(x))));
  const meta = [new MString(rec.owner), arrayToList(rec.imports), arrayToList(rec.syntax), exportList, depList];
  // Only each form's own position is kept: a macro's expansions take the position of the use,
  // so positions inside a template are never reported, and restoring thousands of them (a
  // WeakMap entry each) was most of the cost of loading the prelude.
  const tops = new Set<object>([...rec.syntax, ...rec.imports].filter((f) => f instanceof Pair));
  writeValue(w, meta, { positions: { get: (x) => (tops.has(x) ? sourcePositions.get(x) : undefined), set: POSITIONS!.set } });
  writeCodeTable(w, code, cellOwners(ctx, rec.env, rec.owner));
  return w.finish();
}

// ---- loading ------------------------------------------------------------------------------

/** What a saved unit depends on beyond its own source: ["lib", library key, its cache key] or ["file", path, digest]. */
export type Dependency = readonly [kind: string, name: string, digest: string];

/** A loaded unit: the closure to run, for a library the export specs to look up after, and its dependencies. */
export interface LoadedUnit { closure: Closure; exports: [Sym, Sym][] | null; deps: Dependency[] }

/** What to raise when a procedure's body, read at its first use (lazy-code.ts), is damaged: by default, say so. */
const DAMAGED = (what: string) => (e: Error): string => `${what}: the compiled code is damaged (${e.message})`;

/**
 * Replay a unit's imports and macros into `env`, then read, verify and prepare its top-level
 * code; the other procedures' bodies are read and verified at their first use (lazy-code.ts),
 * and `damaged` is told (once) if one fails then. Throws SerialError or VerifyError when the
 * bytes are not a valid unit of `owner`.
 */
export function loadUnit(ctx: UnitContext, r: ByteReader, env: Env, owner: string, what: string,
  damaged: (e: Error) => string = DAMAGED(what)): LoadedUnit {
  const meta = readValue(r, { positions: POSITIONS });
  if (!Array.isArray(meta) || meta.length !== 5) r.fail(`${what}: not a compiled unit`);
  const [savedOwner, imports, syntax, exportList, depList] = meta as Value[];
  if (!(savedOwner instanceof MString) || savedOwner.toString() !== owner) r.fail(`${what}: compiled for ${String(savedOwner)}, not ${owner}`);
  const importSets = listToArray(imports), syntaxForms = listToArray(syntax), depVectors = listToArray(depList);
  if (importSets === null || syntaxForms === null || depVectors === null) r.fail(`${what}: bad unit header`);
  const deps = depVectors.map((d): Dependency => {
    if (!Array.isArray(d) || d.length !== 3 || !d.every((x) => x instanceof MString)) r.fail(`${what}: bad dependency`);
    return [d[0].toString(), d[1].toString(), d[2].toString()];
  });
  try {
    for (const set of importSets) ctx.libraries.importInto(env, set, null);
    for (const form of syntaxForms) {
      if (!(form instanceof Pair)) r.fail(`${what}: bad macro definition`);
      ctx.expander.defineSyntax(form, env, positionOf(form) ?? null);
    }
  } catch (e) {
    // The source would say this better (a library gone since, a damaged form): compile it.
    if (e instanceof SyntaxError) throw new SerialError(`${what}: cannot replay the unit: ${e.message}`);
    throw e;
  }
  let exports: [Sym, Sym][] | null = null;
  if (exportList !== false) {
    const xs = listToArray(exportList);
    if (xs === null || !xs.every((x) => x instanceof Pair && x.car instanceof Sym && x.cdr instanceof Sym)) r.fail(`${what}: bad export list`);
    exports = xs.map((x: Pair) => [x.car as Sym, x.cdr as Sym]);
  }
  const naming: CellNaming = {
    ownerOf: () => null,
    resolve: (o, name) => {
      const e = o === owner ? env : o === CORE_OWNER ? ctx.core : ctx.libraries.loadedEnv(o);
      if (e === null) return null;
      const b = e.map.get(name);
      if (b === undefined) {
        const cell = new Cell(UNBOUND, name);
        e.map.set(name, { kind: "global", cell });
        return cell;
      }
      return b.kind === "global" ? b.cell : null;
    },
  };
  const table = readCodeTable(r);
  if (!r.atEnd) r.fail(`${what}: trailing bytes after the unit`);
  const unit = new LazyUnit(table, {
    what, cells: naming, damaged,
    prepare: (code, inlines) => { prepareInlines(ctx, inlines); markConstants(code); },
  });
  return { closure: new Closure(unit.root(), []), exports, deps };
}

/**
 * Inline primitive ops were emitted because, at compile time, their cell held the builtin. Keep
 * each one whose cell still does (and register its code for patching); turn the others into
 * the generic call of the same length, as redefining the builtin would have.
 */
function prepareInlines(ctx: UnitContext, sites: InlineSite[]): void {
  let last: Code | null = null;
  const ok = new Map<Cell, boolean>();
  for (let i = 0; i < sites.length; i++) {
    const [code, pc, k] = sites[i];
    const op = code.code[pc];
    const cell = code.consts[k] as Cell;
    let keep = ok.get(cell);
    if (keep === undefined) { keep = ctx.inlinable.get(cell.value) === INLINE_NAME[op]; ok.set(cell, keep); }
    if (keep) {
      cell.inlined = true;
      if (code !== last) { ctx.registerInlined(code); last = code; }
    } else code.code[pc] = GENERIC[op];
  }
}
const INLINE_NAME: (string | undefined)[] = [], GENERIC: number[] = [];
for (let op = 0; op < OPCODE_COUNT; op++) { INLINE_NAME[op] = OPCODES[op as Op].inline; GENERIC[op] = OPCODES[op as Op].generic ?? op; }

/** Quoted data in a loaded Code's constants are literal constants again (runtime/constants.ts), as the expander made them. */
function markConstants(code: Code): void {
  for (const k of code.consts) if (!(k instanceof Code) && !(k instanceof Cell) && k !== null && typeof k === "object") markConstant(k);
}

/** The Library a loaded library unit defines, once its code has run. */
export function finishLibrary(key: string, env: Env, exports: [Sym, Sym][], what: string): Library {
  const out = new Map<Sym, Binding>();
  for (const [inner, outer] of exports) {
    const b = lookup(inner, env);
    if (b === null || (b.kind === "global" && b.cell.value === UNBOUND)) throw new SerialError(`${what}: exports ${inner.name}, which it does not define`);
    out.set(outer, b);
  }
  return new Library(key, out, env);
}
