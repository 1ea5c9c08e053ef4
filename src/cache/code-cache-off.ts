// The code cache as the browser build has it (scripts/build-browser.mjs puts this file in place
// of code-cache.ts): a page has neither the precompiled image (the bundle would carry 800 KB
// more; the prelude compiles from its embedded source) nor a store, so every unit compiles
// from source and nothing is recorded, which is what code-cache.ts does without them. This
// keeps its decoder, verifier and encoder (about 7 KB gzip) out of the bundle. Same surface as
// code-cache.ts for what the runtime and the library manager call.

import type { Closure, Code } from "../bytecode/code.js";
import type { Env } from "../expander/environment.js";
import type { Library, LibraryCache, LibraryManager, LibrarySource } from "../expander/libraries.js";
import type { Sym, Value } from "../runtime/values.js";
import type { CacheStats } from "./code-cache.js";

/** Nothing is recorded: the hooks the expander calls while a unit compiles do nothing. */
class NoRecorder {
  syntax(_form: Value, _env: Env): void {}
  refuseInnermost(_why: string): void {}
}

export class CodeCache implements LibraryCache {
  readonly recorder = new NoRecorder();
  readonly stats: CacheStats = { prelude: 0, libraries: 0, hits: 0, misses: 0, saved: 0, failures: [] };
  variant = "";
  constructor(_rt: unknown, _bytes?: Uint8Array | null, _record?: (entry: string, bytes: Uint8Array) => void, _store?: unknown) {}
  get hasImage(): boolean { return false; }
  loadPrelude(_file: string): Closure | null { return null; }
  beginPrelude(): null { return null; }
  endPrelude(_rec: null, _file: string, _code: Code): void {}
  program(_text: string, _file: string, _env: Env, compile: () => Closure): Closure { return compile(); }
  hasProgram(_text: string, _file: string): boolean { return false; }
  load(_key: string, _source: LibrarySource, _manager: LibraryManager): Library | null { return null; }
  begin(_key: string, _env: Env, _source: LibrarySource | null): void {}
  compiled(_env: Env, clo: Closure): Closure { return clo; }
  end(_key: string, _lib: Library | null, _exports: readonly { inner: Sym; outer: Sym }[]): void {}
  imported(_env: Env, _set: Value): void {}
  read(_path: string, _text: string): void {}
  declared(): void {}
}
