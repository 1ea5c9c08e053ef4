// The runtime's side of the code cache: start-up loads the prelude and built-in libraries from
// the image the build put in the package (scripts/precompile.mjs) instead of reading, expanding
// and compiling their source; the library system asks here before compiling a library; and
// while units compile from source, the Recorder watches them so they can be saved (the build
// records every prelude file and built-in library this way). Anything wrong with a compiled
// entry (damaged, foreign, fails verification) falls back to compiling the source, silently:
// the reason is kept in `failures` for tests and `--cache-debug`-style reports.

import { Closure, Code } from "../bytecode/code.js";
import { Env } from "../expander/environment.js";
import { BUILTIN_PREFIX, Library, LibraryCache, LibraryManager, LibrarySource } from "../expander/libraries.js";
import { Sym, Value } from "../runtime/values.js";
import { SerialError } from "../serial/bytes.js";
import { PRECOMPILED } from "../lib/generated/precompiled.js";
import { Image, fromBase64 } from "./image.js";
import { CORE_OWNER, Recorder, Recording, UnitContext, encodeUnit, finishLibrary, loadUnit } from "./unit.js";
import { VerifyError } from "./verify.js";

/** What this module needs of the runtime. */
export interface CacheRuntime extends UnitContext {
  runIsolated(clo: Closure): void;
}

/** Image entry names. */
export const preludeEntry = (file: string): string => `prelude:${file}`;
export const libraryEntry = (key: string): string => `lib:${key}`;

const isCacheError = (e: unknown): e is Error => e instanceof SerialError || e instanceof VerifyError;

export class PrecompiledCode implements LibraryCache {
  readonly recorder = new Recorder();
  private readonly image: Image | null;
  /** Libraries compiling from source while recording: their recording and, once compiled, their code. */
  private readonly compiling = new Map<Env, { rec: Recording; code: Code | null }>();
  /** What was loaded from the image, and why entries were not. */
  readonly stats = { prelude: 0, libraries: 0, failures: [] as string[] };

  constructor(private readonly rt: CacheRuntime, bytes: Uint8Array | null | undefined,
    private readonly record?: (entry: string, bytes: Uint8Array) => void) {
    let image: Image | null = null;
    const data = bytes === undefined ? (PRECOMPILED === null ? null : fromBase64(PRECOMPILED)) : bytes;
    if (data !== null) {
      try { image = new Image(data); } catch (e) { if (!isCacheError(e)) throw e; this.stats.failures.push(e.message); }
    }
    this.image = image;
  }

  get hasImage(): boolean { return this.image !== null; }

  /** The closure of a precompiled prelude file (its macros registered), or null to compile the source. */
  loadPrelude(file: string): Closure | null {
    const r = this.entry(preludeEntry(file));
    if (r === null) return null;
    try {
      const unit = loadUnit(this.rt, r, this.rt.core, CORE_OWNER, `kiln:prelude/${file}`);
      this.stats.prelude++;
      return unit.closure;
    } catch (e) {
      if (!isCacheError(e)) throw e;
      this.stats.failures.push(e.message);
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

  private entry(name: string): ReturnType<Image["entry"]> {
    if (this.image === null || !this.image.has(name)) return null;
    try { return this.image.entry(name); } catch (e) {
      if (!isCacheError(e)) throw e;
      this.stats.failures.push(e.message);
      return null;
    }
  }

  // ---- the library system's cache ----------------------------------------------------------

  load(key: string, source: LibrarySource, _manager: LibraryManager): Library | null {
    if (!source.path.startsWith(BUILTIN_PREFIX)) return null;
    const r = this.entry(libraryEntry(key));
    if (r === null) return null;
    const env = new Env(null, true, `(${key})`);
    env.fallback = this.rt.core;
    const what = source.path;
    let exports: [Sym, Sym][] | null;
    let closure: Closure;
    try {
      ({ closure, exports } = loadUnit(this.rt, r, env, key, what));
      if (exports === null) throw new SerialError(`${what}: compiled library without exports`);
    } catch (e) {
      if (!isCacheError(e)) throw e;
      this.stats.failures.push(e.message);
      return null;
    }
    this.rt.runIsolated(closure);
    this.stats.libraries++;
    return finishLibrary(key, env, exports, what);
  }

  begin(key: string, env: Env, source: LibrarySource | null): void {
    if (!this.record || source === null || !source.path.startsWith(BUILTIN_PREFIX)) return;
    const rec = this.recorder.begin(env, key);
    // A file declaring several libraries declares the others when read: a replay would not.
    if (source.text.split("define-library").length > 2) rec.refuse("the file defines several libraries");
    this.compiling.set(env, { rec, code: null });
  }

  /** The code a library body compiled to (called between begin and end). */
  compiled(env: Env, clo: Closure): Closure {
    const c = this.compiling.get(env);
    if (c) c.code = clo.code;
    return clo;
  }

  end(key: string, lib: Library | null, exports: readonly { inner: Sym; outer: Sym }[]): void {
    for (const [env, c] of this.compiling) {
      if (c.rec.owner !== key) continue;
      this.compiling.delete(env);
      this.recorder.end(c.rec);
      if (lib === null || c.code === null) return;
      this.record!(libraryEntry(key), encodeUnit(this.rt, c.rec, c.code, exports));
      return;
    }
  }

  imported(env: Env, set: Value): void { this.recorder.imported(env, set); }
  read(path: string, text: string): void { this.recorder.read(path, text); }
}
