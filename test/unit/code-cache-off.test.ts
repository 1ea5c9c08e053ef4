// The browser build's stand-in for the code cache (src/cache/code-cache-off.ts): every member
// the runtime and the library manager use exists on both (a missing one fails to type-check
// here), and it compiles everything from source, recording nothing.

import { test } from "node:test";
import assert from "node:assert/strict";
import { CodeCache as Real } from "../../src/cache/code-cache.js";
import { CodeCache as Off } from "../../src/cache/code-cache-off.js";
import { Closure, Code } from "../../src/bytecode/code.js";

/** What src/api/runtime.ts and src/expander/libraries.ts call: names both classes must have. */
const USED: readonly (keyof Real & keyof Off)[] = [
  "recorder", "stats", "variant", "hasImage", "loadPrelude", "beginPrelude", "endPrelude", "program", "hasProgram",
  "load", "begin", "compiled", "end", "imported", "read", "declared",
];

test("the browser's code cache has the members the runtime uses, and compiles everything from source", () => {
  const off = new Off(null);
  for (const name of USED) assert.notEqual(off[name], undefined, name);
  const clo = new Closure(new Code("p", new Uint32Array(0), [], 0, false, 1, new Int32Array(0), [], [], null), []);
  assert.equal(off.program("(+ 1 2)", "p.scm", null as never, () => clo), clo);
  assert.equal(off.loadPrelude("core.scm"), null);
  assert.equal(off.hasImage, false);
  assert.equal(off.hasProgram("(+ 1 2)", "p.scm"), false);
  assert.deepEqual(off.stats, { prelude: 0, libraries: 0, hits: 0, misses: 0, saved: 0, failures: [] });
});
