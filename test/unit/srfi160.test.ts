// SRFI 160's libraries (made from the table in src/lib/srfi-160-libraries.ts) export exactly
// the primitives the element table (src/lib/srfi-160.ts) defines and the Scheme procedures of
// srfi/160/at.sld; and the vectors live in the Wasm memory.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ELEMENTS, srfi160Primitives, makeNumeric } from "../../src/lib/srfi-160.js";
import { SRFI160_TAGS, HOST_PROCEDURES, SCHEME_PROCEDURES, srfi160Exports } from "../../src/lib/srfi-160-libraries.js";
import { LIBRARY_FILES } from "../../src/lib/generated/prelude.js";
import { vectorMemory } from "../../src/wasm/vector-memory.js";

const atLibrary = readFileSync(new URL("../../../src/lib/libraries/srfi/160/at.sld", import.meta.url), "utf8");

test("the element table and the library table name the same types, and every host procedure is a primitive", () => {
  assert.deepEqual(ELEMENTS.map((e) => e.tag), [...SRFI160_TAGS]);
  const prims = new Set(srfi160Primitives.map((p) => p.name));
  for (const tag of SRFI160_TAGS) {
    for (const n of HOST_PROCEDURES) assert.ok(prims.has(`%${n.replace("@", tag)}`), `%${n.replace("@", tag)}`);
  }
  assert.equal(srfi160Primitives.filter((p) => !p.name.startsWith("%nv")).length, SRFI160_TAGS.length * HOST_PROCEDURES.length);
  for (const n of SCHEME_PROCEDURES) assert.ok(atLibrary.includes(`(define (%${n} tag who)`) || atLibrary.includes(`(define %${n} (`), `at.sld defines %${n}`);
});

test("every (srfi 160 @) and (scheme vector @) library is embedded and exports the table's names", () => {
  for (const tag of SRFI160_TAGS) {
    const sld = LIBRARY_FILES[`srfi/160/${tag}.sld`], exports = LIBRARY_FILES[`srfi/160/${tag}-exports.scm`];
    assert.ok(sld && exports && LIBRARY_FILES[`scheme/vector/${tag}.sld`]?.includes(`(srfi 160 ${tag})`), tag);
    for (const n of srfi160Exports(tag)) {
      assert.ok(sld.includes(`(define ${n} `), `${tag}.sld defines ${n}`);
      assert.ok(exports.includes(` ${n} `) || exports.includes(` ${n})`), `${tag} exports ${n}`);
    }
  }
  assert.ok(LIBRARY_FILES["srfi/160/base.sld"].includes("c128vector->list"));
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

test("complex vectors interleave (re, im) and are neither f32 nor f64 vectors", () => {
  const c128 = ELEMENTS.find((e) => e.tag === "c128")!, c64 = ELEMENTS.find((e) => e.tag === "c64")!;
  const a = makeNumeric(c128, 3);
  assert.ok(a instanceof Float64Array && a.length === 6 && a.constructor !== Float64Array);
  assert.ok(makeNumeric(c64, 2) instanceof Float32Array);
  const isF64 = srfi160Primitives.find((p) => p.name === "%f64vector?")!.fn as (x: unknown) => boolean;
  const isC128 = srfi160Primitives.find((p) => p.name === "%c128vector?")!.fn as (x: unknown) => boolean;
  assert.equal(isF64(a), false);
  assert.equal(isC128(a), true);
});
