// The runtime's side of the code cache (docs/cache.md).
//
// - Start-up loads the prelude and built-in libraries from the image the build put in the
//   package (scripts/precompile.mjs) instead of reading, expanding and compiling their source.
// - With a store (the CLI's cache folder), programs and library files compiled from source are
//   saved, and loaded the next time instead of compiled. An entry is found by a digest of the
//   compiler fingerprint, the file name and the source text; it records what else it depends on
//   (each imported library's cache key, each included file's digest) and is used only when all
//   still match, so editing a library recompiles its importers.
// - The Recorder watches units compile from source so they can be saved; the build records
//   every prelude file and built-in library this way.
// Anything wrong with a compiled entry (damaged, foreign, stale, fails verification) means
// compiling the source, silently; `stats` keeps what happened (KILN_CACHE_DEBUG prints it).

import { Closure, Code } from "../bytecode/code.js";
import { Env, isIdentifier, baseSymbol } from "../expander/environment.js";
import {
  BUILTIN_PREFIX, Library, LibraryCache, LibraryManager, LibrarySource, libraryKey,
} from "../expander/libraries.js";
import { isStandardLibrary } from "../expander/standard-libraries.js";
import { Pair, Sym, Value } from "../runtime/values.js";
import { SerialError } from "../serial/bytes.js";
import { PRECOMPILED } from "../lib/generated/precompiled.js";
import { Image, encodeImage, fromBase64 } from "./image.js";
import { CodeStore } from "./store.js";
import { compilerFingerprint } from "./fingerprint.js";
import {
  CORE_OWNER, Dependency, LoadedUnit, Recorder, Recording, UnitContext, encodeUnit, finishLibrary, loadUnit,
} from "./unit.js";
import { VerifyError } from "./verify.js";

/** What this module needs of the runtime. */
export interface CacheRuntime extends UnitContext {
  runIsolated(clo: Closure): void;
}

/** Image entry names. */
export const preludeEntry = (file: string): string => `prelude:${file}`;
export const libraryEntry = (key: string): string => `lib:${key}`;
/** The one entry of a user cache file. */
const UNIT = "unit";
/** Owner key of a program's own globals. */
export const PROGRAM_OWNER = "program";

const isCacheError = (e: unknown): e is Error => e instanceof SerialError || e instanceof VerifyError;

export interface CacheStats {
  prelude: number; libraries: number;
  /** User cache: entries used, compiled (missing or stale), saved, and why some were not. */
  hits: number; misses: number; saved: number;
  failures: string[];
}

/** A library compiling from source: its recording (null when not saved) and, once compiled, its code. */
interface Compiling { key: string; rec: Recording | null; code: Code | null; source: LibrarySource | null; storeKey: string | null }

export class CodeCache implements LibraryCache {
  readonly recorder = new Recorder();
  private readonly image: Image | null;
  private readonly compiling = new Map<Env, Compiling>();
  /** Library key -> cache key, for the libraries loaded so far ("builtin" for the package's). */
  private readonly libraryKeys = new Map<string, string>();
  readonly stats: CacheStats = { prelude: 0, libraries: 0, hits: 0, misses: 0, saved: 0, failures: [] };
  /**
   * Settings outside the compiler that decide what compiling prints (the CLI's enabled
   * warnings): part of every store key, so a program cached without warnings is compiled again
   * when they are asked for.
   */
  variant = "";

  constructor(private readonly rt: CacheRuntime, bytes: Uint8Array | null | undefined,
    private readonly record?: (entry: string, bytes: Uint8Array) => void,
    private readonly store: CodeStore | null = null) {
    let image: Image | null = null;
    // A copy of caller-given bytes: loaded code is patched in place (image.ts), per runtime.
    const data = bytes === undefined ? (PRECOMPILED === null ? null : typeof PRECOMPILED === "string" ? fromBase64(PRECOMPILED) : new Uint8Array(PRECOMPILED))
      : bytes === null ? null : bytes.slice();
    if (data !== null) {
      try { image = new Image(data); } catch (e) { if (!isCacheError(e)) throw e; this.fail(e); }
    }
    this.image = image;
  }

  get hasImage(): boolean { return this.image !== null; }

  private fail(e: Error): void { if (this.stats.failures.length < 100) this.stats.failures.push(e.message); }

  // ---- the prelude ---------------------------------------------------------------------------

  /** The closure of a precompiled prelude file (its macros registered), or null to compile the source. */
  loadPrelude(file: string): Closure | null {
    const r = this.imageEntry(preludeEntry(file));
    if (r === null) return null;
    try {
      const unit = loadUnit(this.rt, r, this.rt.core, CORE_OWNER, `kiln:prelude/${file}`);
      this.stats.prelude++;
      return unit.closure;
    } catch (e) {
      if (!isCacheError(e)) throw e;
      this.fail(e);
      return null;
    }
  }

  beginPrelude(): Recording | null {
    return this.record ? this.recorder.begin(this.rt.core, CORE_OWNER) : null;
  }

  /** A prelude file compiled from source: save it when recording (the build must not lose one: errors throw). */
  endPrelude(rec: Recording | null, file: string, code: Code): void {
    if (rec === null) return;
    this.recorder.end(rec);
    this.record!(preludeEntry(file), encodeUnit(this.rt, rec, code, null));
  }

  private imageEntry(name: string): ReturnType<Image["entry"]> {
    if (this.image === null || !this.image.has(name)) return null;
    try { return this.image.entry(name); } catch (e) {
      if (!isCacheError(e)) throw e;
      this.fail(e);
      return null;
    }
  }

  // ---- programs ------------------------------------------------------------------------------

  /**
   * The closure of a program: from the cache when it holds a valid entry for this file and
   * text, else `compile()`d (and saved). Nothing runs here.
   */
  program(text: string, file: string, env: Env, compile: () => Closure): Closure {
    const store = this.store;
    if (store === null) return compile();
    const key = this.storeKey("program", file, text);
    const loaded = this.fromStore(key, env, PROGRAM_OWNER, file);
    if (loaded !== null) return loaded.closure;
    const rec = this.recorder.begin(env, PROGRAM_OWNER);
    let clo: Closure;
    try { clo = compile(); } finally { this.recorder.end(rec); }
    this.save(key, rec, clo.code, null);
    return clo;
  }

  /** `kiln compile`: whether the entry for this program is now in the store. */
  hasProgram(text: string, file: string): boolean {
    return this.store !== null && this.store.read(this.storeKey("program", file, text)) !== null;
  }

  // ---- the store -------------------------------------------------------------------------------

  private storeKey(kind: string, file: string, text: string): string {
    return this.store!.hash(JSON.stringify([kind, compilerFingerprint(), this.variant, file, text]));
  }

  /** A valid unit from the store, replayed into `env`; null when absent, damaged or stale. */
  private fromStore(key: string, env: Env, owner: string, what: string): LoadedUnit | null {
    const bytes = this.store!.read(key);
    if (bytes === null) { this.stats.misses++; return null; }
    try {
      const r = new Image(bytes).entry(UNIT);
      if (r === null) throw new SerialError(`${what}: cache entry without a unit`);
      const unit = loadUnit(this.rt, r, env, owner, what, (e) => {
        // A procedure's body failed at its first use (lazy-code.ts): this run raises a Scheme
        // error there; the entry goes, so the next run compiles the source.
        this.fail(e);
        this.store!.remove?.(key);
        return `${what}: the compiled code in the cache is damaged (${e.message}); the cache entry is discarded`;
      });
      const stale = this.staleDependency(unit.deps);
      if (stale !== null) throw new SerialError(`${what}: ${stale} changed since it was cached`);
      this.stats.hits++;
      return unit;
    } catch (e) {
      if (!isCacheError(e)) throw e;
      this.fail(e);
      this.stats.misses++;
      return null;
    }
  }

  /** Save a unit compiled from source; a unit that cannot be replayed is simply not saved. */
  private save(key: string, rec: Recording, code: Code, exports: readonly { inner: Sym; outer: Sym }[] | null): Dependency[] | null {
    try {
      const deps = this.dependencies(rec);
      const unit = encodeUnit(this.rt, rec, code, exports, deps);
      this.store!.write(key, encodeImage(new Map([[UNIT, unit]])));
      this.stats.saved++;
      return deps;
    } catch (e) {
      if (!isCacheError(e)) throw e;
      this.fail(e);
      return null;
    }
  }

  /** The libraries a unit imports (with their cache keys) and the files it included (with digests). */
  private dependencies(rec: Recording): Dependency[] {
    const deps: Dependency[] = [];
    const seen = new Set<string>();
    for (const set of rec.imports) {
      const key = importedLibrary(set);
      if (key === null) throw new SerialError(`cannot name the library of the import set ${String(set)}`);
      if (seen.has(key)) continue;
      seen.add(key);
      const cacheKey = this.cacheKeyOf(key);
      if (cacheKey === null) throw new SerialError(`the library (${key}) has no cache key (declared in a program?)`);
      deps.push(["lib", key, cacheKey]);
    }
    for (const [path, text] of rec.files) deps.push(["file", path, this.store!.hash(text)]);
    return deps;
  }

  /** The first dependency that no longer matches, described; null when all do. */
  private staleDependency(deps: readonly Dependency[]): string | null {
    for (const [kind, name, digest] of deps) {
      if (kind === "lib") {
        if (this.cacheKeyOf(name) !== digest) return `the library (${name})`;
      } else if (kind === "file") {
        const text = this.store!.readFile(name);
        if (text === null || this.store!.hash(text) !== digest) return `the file ${name}`;
      } else return `an unknown dependency ${kind}`;
    }
    return null;
  }

  private cacheKeyOf(key: string): string | null {
    return this.libraryKeys.get(key) ?? (isStandardLibrary(key) ? "standard" : null);
  }

  // ---- the library system's cache ----------------------------------------------------------

  load(key: string, source: LibrarySource, _manager: LibraryManager): Library | null {
    const builtin = source.path.startsWith(BUILTIN_PREFIX);
    const env = new Env(null, true, `(${key})`);
    env.fallback = this.rt.core;
    let unit: LoadedUnit | null = null;
    let storeKey: string | null = null;
    if (builtin) {
      const r = this.imageEntry(libraryEntry(key));
      if (r === null) return null;
      try {
        unit = loadUnit(this.rt, r, env, key, source.path);
      } catch (e) {
        if (!isCacheError(e)) throw e;
        this.fail(e);
        return null;
      }
    } else {
      if (this.store === null) return null;
      storeKey = this.storeKey("library", source.path, source.text);
      unit = this.fromStore(storeKey, env, key, source.path);
      if (unit === null) return null;
    }
    if (unit.exports === null) { this.fail(new Error(`${source.path}: compiled library without exports`)); return null; }
    this.rt.runIsolated(unit.closure);
    const lib = finishLibrary(key, env, unit.exports, source.path);
    this.libraryKeys.set(key, builtin ? "builtin" : this.store!.hash(storeKey + JSON.stringify(unit.deps)));
    if (builtin) this.stats.libraries++;
    return lib;
  }

  begin(key: string, env: Env, source: LibrarySource | null): void {
    const builtin = source !== null && source.path.startsWith(BUILTIN_PREFIX);
    const saving = source !== null && (builtin ? this.record !== undefined : this.store !== null);
    const rec = saving ? this.recorder.begin(env, key) : null;
    // A file declaring several libraries declares the others when read: a replay would not.
    if (rec && source!.text.split("define-library").length > 2) rec.refuse("the file defines several libraries");
    const storeKey = saving && !builtin ? this.storeKey("library", source!.path, source!.text) : null;
    this.compiling.set(env, { key, rec, code: null, source, storeKey });
  }

  /** The code a library body compiled to (called between begin and end). */
  compiled(env: Env, clo: Closure): Closure {
    const c = this.compiling.get(env);
    if (c) c.code = clo.code;
    return clo;
  }

  end(key: string, lib: Library | null, exports: readonly { inner: Sym; outer: Sym }[]): void {
    for (const [env, c] of this.compiling) {
      if (c.key !== key) continue;
      this.compiling.delete(env);
      if (c.rec) this.recorder.end(c.rec);
      if (lib === null || c.source === null) return;
      if (c.source.path.startsWith(BUILTIN_PREFIX)) {
        this.libraryKeys.set(key, "builtin");
        if (c.rec && c.code) this.record!(libraryEntry(key), encodeUnit(this.rt, c.rec, c.code, exports));
        return;
      }
      if (c.rec && c.code && c.storeKey) {
        const deps = this.save(c.storeKey, c.rec, c.code, exports);
        if (deps !== null) this.libraryKeys.set(key, this.store!.hash(c.storeKey + JSON.stringify(deps)));
      }
      return;
    }
  }

  imported(env: Env, set: Value): void { this.recorder.imported(env, set); }
  read(path: string, text: string): void { this.recorder.read(path, text); }
  declared(): void { this.recorder.refuseInnermost("it declares a library"); }
}

/** The library an import set names: `(only (srfi 1) x)` -> "srfi 1". */
function importedLibrary(set: Value): string | null {
  while (set instanceof Pair && isIdentifier(set.car) && ["only", "except", "prefix", "rename"].includes(baseSymbol(set.car).name) &&
    set.cdr instanceof Pair && set.cdr.car instanceof Pair) {
    set = set.cdr.car;
  }
  return libraryKey(set);
}
