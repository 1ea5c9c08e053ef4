// SRFI 160's library files export exactly the primitives the element table (src/lib/srfi-160.ts)
// defines, under their names without the % prefix; and the vectors live in the Wasm memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ELEMENTS, srfi160Primitives, makeNumeric } from "../../src/lib/srfi-160.js";
import { vectorMemory } from "../../src/wasm/vector-memory.js";

const root = new URL("../../../src/lib/libraries/", import.meta.url);

test("every (srfi 160 @) library defines and exports each primitive of its type", () => {
  for (const e of ELEMENTS) {
    const sld = readFileSync(new URL(`srfi/160/${e.tag}.sld`, root), "utf8");
    const exports = readFileSync(new URL(`srfi/160/${e.tag}-exports.scm`, root), "utf8");
    const mine = srfi160Primitives.map((p) => p.name.slice(1)).filter((n) => n === `${e.tag}?` || n.includes(`${e.tag}vector`));
    assert.equal(mine.length, 16, e.tag);
    for (const n of mine) {
      assert.ok(sld.includes(`(define ${n} %${n})`), `${e.tag}.sld defines ${n}`);
      assert.ok(new RegExp(`[\\s(]${n.replace(/[?!>=*+.-]/g, "\\$&")}[\\s)]`).test(exports), `${e.tag} exports ${n}`);
    }
    const alias = readFileSync(new URL(`scheme/vector/${e.tag}.sld`, root), "utf8");
    assert.ok(alias.includes(`(srfi 160 ${e.tag})`));
  }
});

test("numeric vectors are views on the Wasm vector memory, and survive its growth", () => {
  const mem = vectorMemory();
  assert.ok(mem, "shared Wasm memory is available on Node 20");
  const f64 = ELEMENTS.find((e) => e.tag === "f64")!;
  const a = makeNumeric(f64, 4) as Float64Array;
  a[3] = 2.5;
  assert.ok(mem.holds(a));
  assert.equal(a.byteOffset % 16, 0);
  const big = makeNumeric(f64, 3_000_000) as Float64Array;  // grows the memory
  assert.ok(mem.holds(big));
  assert.equal(a[3], 2.5);
  assert.equal(new Float64Array(mem.memory.buffer, a.byteOffset, 4)[3], 2.5);
  assert.ok(!mem.holds(new Float64Array(4)));
});
