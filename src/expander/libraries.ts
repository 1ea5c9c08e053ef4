// The R7RS library system (5.2 import declarations, 5.6 libraries): finding, loading and
// caching libraries, import sets, and the `import` and `define-library` forms.
//
// A library is found, in order, among the standard libraries (export lists in
// standard-libraries.ts, each name bound to the core's binding), the `define-library` forms a
// program or the REPL declared, the built-in `.sld` files embedded at build time
// (src/lib/libraries/**), and `.sld` files on the search path (-I dirs, the program's
// directory, KILN_LIBRARY_PATH, -A dirs), `(foo bar 1)` being `foo/bar/1.sld`. Each library is
// loaded once per runtime; its body runs when it is first imported, at expansion time of the
// importer. A library's top level is `Env(null, true, name)` whose fallback is a layer holding
// its imports, whose fallback is the core (lenient: builtins stay visible). Imports share the
// exporter's Binding objects, so cells are shared; a definition of an imported name makes a
// new binding that shadows the import instead of overwriting the exporter's cell.

import { Pair, NIL, Value, Sym, UNBOUND, ErrorObject, listToArray, intern, MString, list } from "../runtime/values.js";
import { SourcePos } from "../bytecode/code.js";
import { positionOf } from "../reader/source-map.js";
import { readAll } from "../reader/reader.js";
import { Alias, Binding, Env, Identifier, baseSymbol, isIdentifier, lookup, S } from "./environment.js";
import { SyntaxError, syntaxError } from "./errors.js";
import { definedCells } from "./expander.js";
import { featureRequirement } from "./derived.js";
import { isStandardLibrary, standardLibraryExports } from "./standard-libraries.js";
import { LIBRARY_FILES } from "../lib/generated/prelude.js";
import { Host } from "../host/host.js";
import { UncaughtError } from "../vm/requests.js";
import { writeString } from "../runtime/printer.js";

/** What the library system needs from the runtime. */
export interface LibraryContext {
  readonly core: Env;
  readonly host: Host;
  /** Compile and run top-level forms in `env` (a library body), isolated from any running program. */
  runBody(forms: Value[], env: Env): void;
  /** The code cache (src/cache): loads compiled libraries and watches libraries compile from source. */
  readonly cache?: LibraryCache;
}

/** What the code cache sees of the library system. */
export interface LibraryCache {
  /** The library `key` found in `source`, loaded from compiled code; null to compile it from source. */
  load(key: string, source: LibrarySource, manager: LibraryManager): Library | null;
  /** A library is about to compile from source into `env`. */
  begin(key: string, env: Env, source: LibrarySource | null): void;
  /** It finished (lib null: it failed); `exports` are its export specs. */
  end(key: string, lib: Library | null, exports: readonly { inner: Sym; outer: Sym }[]): void;
  /** An import set was bound into the top level `env`. */
  imported(env: Env, set: Value): void;
  /** A file was read for an include. */
  read(path: string, text: string): void;
  /** A program or the REPL declared a library (a unit doing so is not cached). */
  declared(): void;
}

/** Where a library's `define-library` form is: its file name and text. */
export interface LibrarySource { path: string; text: string }

export interface LibraryPathOptions {
  /** Directories searched before the program's directory (`-I`). */
  prepend?: string[];
  /** Directories searched after everything else (`-A`). */
  append?: string[];
  /** Which libraries programs may import, by key ("scheme base"); absent: all (embedding API). */
  allowed?: (key: string) => boolean;
}

/** A loaded library: external name to binding, and its top level (null for a standard library). */
export class Library {
  constructor(readonly name: string, readonly exports: Map<Sym, Binding>, readonly env: Env | null) {}
}

/** A `define-library` form not yet loaded: from a program, the REPL, or a file holding several. */
interface Declaration { decls: Value[]; file: string | null; pos: SourcePos | null }

/** Prefix of the file names given to built-in library files (kept out of backtraces, as the prelude). */
export const BUILTIN_PREFIX = "kiln:lib/";

const IMPORT_SET_KINDS = new Set(["only", "except", "prefix", "rename"]);
/** Top-level environments' import layers (see the header). */
const importLayers = new WeakSet<Env>();

/** `(foo bar 1)` -> "foo bar 1"; null when it is not a library name (R7RS 7.1.7). */
export function libraryKey(name: Value): string | null {
  const parts = listToArray(name);
  if (parts === null || parts.length === 0) return null;
  const out: string[] = [];
  for (const p of parts) {
    if (isIdentifier(p)) out.push(baseSymbol(p).name);
    else if ((typeof p === "number" && Number.isInteger(p) && p >= 0) || (typeof p === "bigint" && p >= 0n)) out.push(String(p));
    else return null;
  }
  return out.join(" ");
}

const show = (key: string): string => `(${key})`;
const fileOf = (key: string): string => key.split(" ").join("/") + ".sld";

export class LibraryManager {
  private readonly loaded = new Map<string, Library>();
  private readonly declared = new Map<string, Declaration>();
  /** Libraries being loaded, outermost first (to report circular imports). */
  private readonly loading: string[] = [];
  private programDir: string | null = null;
  /** The running program's file, once known (workers of the parallel pool declare its libraries). */
  programFile: string | null = null;
  /** Told of each declaration (the parallel pool sends those of evaluated text to its workers). */
  onDeclare: ((form: Value, file: string | null) => void) | null = null;

  constructor(private readonly ctx: LibraryContext, private readonly options: LibraryPathOptions = {}) {}

  /** The directory of the running program joins the search path (none: the current directory). */
  setProgramFile(file: string): void {
    this.programFile = file;
    const h = this.ctx.host;
    this.programDir = h.dirname ? h.dirname(file) : ".";
  }

  /** Search `dir` first from now on (`kiln compile` of a library file). */
  addSearchDirectory(dir: string): void { (this.options.prepend ??= []).unshift(dir); }

  /** The directories searched for `.sld` files, in order. */
  searchPath(): string[] {
    const envPath = this.ctx.host.env?.()["KILN_LIBRARY_PATH"] ?? "";
    return [
      ...(this.options.prepend ?? []),
      this.programDir ?? ".",
      ...envPath.split(":").filter((d) => d !== ""),
      ...(this.options.append ?? []),
    ];
  }

  /** The libraries loaded so far (the parallel pool names procedures by them: src/parallel/naming.ts). */
  loadedLibraries(): Iterable<Library> { return this.loaded.values(); }

  /** Whether a library of this name can be imported (for cond-expand's `(library name)`). */
  known(name: Value): boolean {
    const key = libraryKey(name);
    if (key === null) return false;
    if (this.options.allowed && !this.options.allowed(key)) return false;
    return this.loaded.has(key) || isStandardLibrary(key) || this.declared.has(key) ||
      LIBRARY_FILES[fileOf(key)] !== undefined || this.findFile(key) !== null;
  }

  /** The top level of a loaded library (the code cache resolves globals through it). */
  loadedEnv(key: string): Env | null { return this.loaded.get(key)?.env ?? null; }
  loadedKeys(): string[] { return [...this.loaded.keys()]; }

  /** The library named `name`, loading it (and running its body) on first use. */
  get(name: Value, pos: SourcePos | null): Library {
    const key = libraryKey(name);
    if (key === null) syntaxError(pos, "import: bad import set or library name", name);
    if (this.options.allowed && !this.options.allowed(key)) syntaxError(pos, `import: library ${show(key)} is not available in this runtime`);
    const cached = this.loaded.get(key);
    if (cached) return cached;
    const cycle = this.loading.indexOf(key);
    if (cycle >= 0) {
      const chain = [...this.loading.slice(cycle), key].map(show).join(" -> ");
      syntaxError(pos, `import: circular library imports: ${chain}`);
    }
    if (isStandardLibrary(key)) {
      const lib = new Library(key, standardLibraryExports(key, this.ctx.core), null);
      this.loaded.set(key, lib);
      return lib;
    }
    let decl = this.declared.get(key);
    let source: LibrarySource | null = null;
    if (decl === undefined) {
      source = this.locate(key, pos);
      const cache = this.ctx.cache;
      if (cache) {
        this.loading.push(key);
        let lib: Library | null;
        try { lib = cache.load(key, source, this); } finally { this.loading.pop(); }
        if (lib !== null) { this.loaded.set(key, lib); return lib; }
      }
      decl = this.findDeclaration(key, source, pos);
    }
    const lib = this.instantiate(key, decl, pos, source);
    this.loaded.set(key, lib);
    this.declared.delete(key);
    return lib;
  }

  /** The bindings an import set denotes, external name to binding, in order (R7RS 5.2). */
  importSet(set: Value, pos: SourcePos | null): Map<Sym, Binding> {
    const p = (set instanceof Pair ? positionOf(set) : undefined) ?? pos;
    if (set instanceof Pair && isIdentifier(set.car) && IMPORT_SET_KINDS.has(baseSymbol(set.car).name) &&
      set.cdr instanceof Pair && set.cdr.car instanceof Pair) {
      const kind = baseSymbol(set.car).name;
      const inner = this.importSet(set.cdr.car, p);
      const args = listToArray(set.cdr.cdr);
      if (args === null) syntaxError(p, `import: bad (${kind} ...) import set`, set);
      const sym = (x: Value): Sym => {
        if (!isIdentifier(x)) syntaxError(p, `import: (${kind} ...) expects identifiers`, set);
        return baseSymbol(x);
      };
      const need = (s: Sym): void => {
        if (!inner.has(s)) syntaxError(p, `import: (${kind} ...) names ${s.name}, which ${describeSet(set.cdr.car)} does not export`, set);
      };
      switch (kind) {
        case "only": {
          const out = new Map<Sym, Binding>();
          for (const a of args) { const s = sym(a); need(s); out.set(s, inner.get(s)!); }
          return out;
        }
        case "except": {
          for (const a of args) { const s = sym(a); need(s); inner.delete(s); }
          return inner;
        }
        case "prefix": {
          if (args.length !== 1) syntaxError(p, "import: expected (prefix import-set prefix-identifier)", set);
          const prefix = sym(args[0]).name;
          const out = new Map<Sym, Binding>();
          for (const [s, b] of inner) out.set(intern(prefix + s.name), b);
          return out;
        }
        default: {  // rename: all removals first, so (rename s (a b) (b a)) swaps
          const pairs = args.map((a) => {
            const ab = listToArray(a);
            if (ab === null || ab.length !== 2) syntaxError(p, "import: expected (rename import-set (old new) ...)", set);
            const from = sym(ab[0]);
            need(from);
            return [from, sym(ab[1]), inner.get(from)!] as const;
          });
          for (const [from] of pairs) inner.delete(from);
          for (const [, to, b] of pairs) inner.set(to, b);
          return inner;
        }
      }
    }
    return new Map(this.get(set, p).exports);
  }

  /** Bind an import set's names in the top-level environment of `env` (a program, the REPL, eval). */
  importInto(env: Env, set: Value, pos: SourcePos | null): void {
    const top = env.top();
    this.ctx.cache?.imported(top, set);
    const layer = importLayer(top);
    for (const [s, b] of this.importSet(set, pos)) {
      layer.map.set(s, b);
      // A name only referenced so far (a REPL line before the import) must not hide the import;
      // a name the top level defines (or will: definitions are declared first) shadows it.
      const own = top.map.get(s);
      if (own?.kind === "global" && own.cell.value === UNBOUND && !definedCells.has(own.cell)) top.map.delete(s);
    }
  }

  /** Remember a `define-library` form of a program or the REPL; it loads when first imported. */
  declare(form: Value, pos: SourcePos | null): void {
    const parts = listToArray(form);
    const key = parts && parts.length >= 2 ? libraryKey(parts[1]) : null;
    if (parts === null || key === null) syntaxError(pos, "define-library: expected (define-library (name ...) declaration ...)", form);
    if (isStandardLibrary(key)) syntaxError(pos, `define-library: ${show(key)} is a standard library`, form);
    this.loaded.delete(key);  // the REPL may redefine a library: the next import loads the new one
    this.ctx.cache?.declared();
    this.declared.set(key, { decls: parts.slice(2), file: pos?.file ?? null, pos });
    this.onDeclare?.(form, pos?.file ?? null);
  }

  /**
   * Text of a file included from `from` (a file name, a built-in library file, or null), as the
   * expander's `include` needs it; built-in library files include each other from the embedded map.
   */
  readInclude(file: string, from: string | null): { text: string; path: string } | null {
    if (from?.startsWith(BUILTIN_PREFIX)) {
      const rel = joinRelative(from.slice(BUILTIN_PREFIX.length), file);
      const text = rel === null ? undefined : LIBRARY_FILES[rel];
      return text === undefined ? null : { text, path: BUILTIN_PREFIX + rel };
    }
    const h = this.ctx.host;
    if (!h.readFile) return null;
    const path = from && h.resolvePath && h.dirname ? h.resolvePath(h.dirname(from), file) : file;
    const text = h.readFile(path);
    return text === null ? null : { text, path };
  }

  // ---- finding and loading ----------------------------------------------------------------

  private candidates(key: string): string[] {
    const h = this.ctx.host;
    const rel = fileOf(key);
    return this.searchPath().map((d) => (h.resolvePath ? h.resolvePath(d, rel) : `${d}/${rel}`));
  }

  private findFile(key: string): { path: string; text: string } | null {
    const h = this.ctx.host;
    if (!h.readFile) return null;
    for (const path of this.candidates(key)) {
      const text = h.readFile(path);
      if (text !== null) return { path, text };
    }
    return null;
  }

  /** The library's file: built-in first, then the search path. */
  private locate(key: string, pos: SourcePos | null): LibrarySource {
    const builtin = LIBRARY_FILES[fileOf(key)];
    const found = builtin !== undefined ? { path: BUILTIN_PREFIX + fileOf(key), text: builtin } : this.findFile(key);
    if (found === null) {
      const where = ["the built-in libraries", ...(this.ctx.host.readFile ? this.candidates(key) : [])];
      syntaxError(pos, `import: unknown library ${show(key)}; searched ${where.join(", ")}`);
    }
    return found;
  }

  /** The library's define-library form in its file (other libraries there are declared). */
  private findDeclaration(key: string, found: LibrarySource, pos: SourcePos | null): Declaration {
    let mine: Declaration | null = null;
    for (const form of readAll(found.text, found.path)) {
      const parts = listToArray(form);
      if (parts === null || parts.length < 2 || !isIdentifier(parts[0]) || baseSymbol(parts[0]).name !== "define-library") continue;
      const k = libraryKey(parts[1]);
      const decl: Declaration = { decls: parts.slice(2), file: found.path, pos: positionOf(form) ?? null };
      if (k === key) mine = decl;
      else if (k !== null && !this.loaded.has(k) && !this.declared.has(k)) this.declared.set(k, decl);
    }
    if (mine === null) syntaxError(pos, `import: ${found.path} does not define library ${show(key)}`);
    return mine;
  }

  /** Process a library's declarations, run its body, and collect its exports. */
  private instantiate(key: string, decl: Declaration, importPos: SourcePos | null, source: LibrarySource | null = null): Library {
    this.loading.push(key);
    const exports: { inner: Sym; outer: Sym; pos: SourcePos | null }[] = [];
    let done: Library | null = null;
    try {
      const env = new Env(null, true, show(key));
      env.fallback = this.ctx.core;
      this.ctx.cache?.begin(key, env, source);
      const body: Value[] = [];
      this.declarations(key, decl.decls, decl.file, decl.pos, env, exports, body);
      try {
        this.ctx.runBody(body, env);
      } catch (e) {
        if (e instanceof UncaughtError) throw bodyFailed(key, e, importPos);
        throw e;
      }
      const out = new Map<Sym, Binding>();
      for (const x of exports) {
        const b = lookup(x.inner, env);
        if (b === null || (b.kind === "global" && b.cell.value === UNBOUND)) {
          syntaxError(x.pos, `define-library ${show(key)}: exports ${x.inner.name}, which it neither defines nor imports`);
        }
        out.set(x.outer, b);
      }
      return done = new Library(key, out, env);
    } finally {
      this.loading.pop();
      this.ctx.cache?.end(key, done, exports);
    }
  }

  /** Library declarations in order (R7RS 5.6.1); cond-expand and include-library-declarations splice. */
  private declarations(key: string, decls: Value[], file: string | null, pos: SourcePos | null, env: Env,
    exports: { inner: Sym; outer: Sym; pos: SourcePos | null }[], body: Value[]): void {
    for (const d of decls) {
      const p = (d instanceof Pair ? positionOf(d) : undefined) ?? pos;
      const parts = d instanceof Pair && isIdentifier(d.car) ? listToArray(d) : null;
      if (parts === null) syntaxError(p, `define-library ${show(key)}: bad library declaration`, d);
      const kind = baseSymbol(parts[0] as Identifier).name;
      const args = parts.slice(1);
      switch (kind) {
        case "export":
          for (const spec of args) {
            if (isIdentifier(spec)) { exports.push({ inner: baseSymbol(spec), outer: baseSymbol(spec), pos: p }); continue; }
            const rs = listToArray(spec);
            if (rs === null || rs.length !== 3 || !isIdentifier(rs[0]) || baseSymbol(rs[0]).name !== "rename" ||
              !isIdentifier(rs[1]) || !isIdentifier(rs[2])) {
              syntaxError(p, `define-library ${show(key)}: bad export spec (expected name or (rename name external-name))`, spec);
            }
            exports.push({ inner: baseSymbol(rs[1]), outer: baseSymbol(rs[2]), pos: p });
          }
          break;
        case "import":
          for (const set of args) this.importInto(env, set, p);
          break;
        case "begin":
          body.push(...args);
          break;
        case "include": case "include-ci": case "include-library-declarations": {
          const datums: Value[] = [];
          for (const f of args) {
            if (!(f instanceof MString)) syntaxError(p, `${kind}: expected file name strings`, d);
            const got = this.readInclude(f.toString(), file);
            if (got === null) syntaxError(p, `${kind}: cannot read file "${f.toString()}"`);
            this.ctx.cache?.read(got.path, got.text);
            const text = kind === "include-ci" ? "#!fold-case\n" + got.text : got.text;
            const forms = readAll(text, got.path);
            if (kind === "include-library-declarations") this.declarations(key, forms, got.path, p, env, exports, body);
            else datums.push(...forms);
          }
          body.push(...datums);
          break;
        }
        case "cond-expand": {
          const isElse = (x: Value): boolean => isIdentifier(x) && baseSymbol(x).name === "else";
          for (const c of args) {
            if (!(c instanceof Pair)) syntaxError(p, "cond-expand: expected (requirement declaration ...)", c);
            if (featureRequirement(c.car, isElse, (n) => this.known(n), positionOf(c) ?? p)) {
              const chosen = listToArray(c.cdr);
              if (chosen === null) syntaxError(p, "cond-expand: improper clause", c);
              this.declarations(key, chosen, file, p, env, exports, body);
              break;
            }
          }
          break;
        }
        default:
          syntaxError(p, `define-library ${show(key)}: unknown library declaration ${kind}`, d);
      }
    }
  }
}

/** The layer of `top` holding imported bindings, created between it and its fallback. */
function importLayer(top: Env): Env {
  if (top.fallback && importLayers.has(top.fallback)) return top.fallback;
  const layer = new Env(null, true, `imports of ${top.name}`);
  layer.fallback = top.fallback;
  top.fallback = layer;
  importLayers.add(layer);
  return layer;
}

/** How an error message names an import set: the library name, or the set written. */
function describeSet(set: Value): string {
  const key = libraryKey(set);
  return key !== null ? show(key) : writeString(set, "write");
}

/** A library body raised: say which library, where, and what, at the importing declaration. */
function bodyFailed(key: string, e: UncaughtError, importPos: SourcePos | null): SyntaxError {
  const top = e.backtrace[0];
  const where = top?.file ? ` at ${top.file}:${top.line}:${top.column}` : "";
  const payload = e.payload;
  if (payload instanceof ErrorObject) {
    return new SyntaxError(`library ${show(key)} raised an error while loading${where}: ${payload.message}`, importPos, undefined, payload.irritants);
  }
  return new SyntaxError(`library ${show(key)} raised an exception while loading${where}:`, importPos, undefined, list(payload));
}

/** `dir/of/from` + `file` with `.` and `..` resolved; null when it climbs above the root. */
function joinRelative(from: string, file: string): string | null {
  const parts = from.split("/").slice(0, -1);
  for (const seg of file.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") { if (parts.length === 0) return null; parts.pop(); } else parts.push(seg);
  }
  return parts.join("/");
}

/** Install `import` and `define-library` in the core environment. */
export function installLibraryForms(core: Env, libraries: () => LibraryManager): void {
  const done = (): Value => new Pair(new Alias(intern("begin"), core), NIL);
  core.define(S("import"), {
    kind: "macro",
    transform: (form, useEnv, pos) => {
      if (!useEnv.topLevel) syntaxError(pos, "import: only allowed at the top level of a program, the REPL or eval", form);
      const sets = listToArray(form);
      if (sets === null || sets.length < 2) syntaxError(pos, "import: expected (import import-set ...)", form);
      for (const set of sets.slice(1)) libraries().importInto(useEnv, set, pos);
      return done();
    },
  });
  core.define(S("define-library"), {
    kind: "macro",
    transform: (form, useEnv, pos) => {
      if (!useEnv.topLevel) syntaxError(pos, "define-library: only allowed at the top level", form);
      libraries().declare(form, pos);
      return done();
    },
  });
}
