// The SRFI libraries' host side and SRFI 64's report: the bitwise primitives (srfi-bitwise.ts)
// cross-checked against plain BigInt arithmetic on random integers of every size, equalHash
// (srfi-hash.ts) agreeing with equal?, and the simple SRFI 64 runner's output for a suite
// written with SRFI 64 alone (test/scheme/srfi/64-suite.sps) and for a failing one.
// The libraries' Scheme-level tests are test/scheme/srfi/*.scm.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { bitwisePrimitives } from "../../src/lib/srfi-bitwise.js";
import { equalHash } from "../../src/lib/srfi-hash.js";
import { equal } from "../../src/runtime/equivalence.js";
import { normBig } from "../../src/runtime/numbers.js";
import { MString, Pair, NIL, Value, arrayToList, intern } from "../../src/runtime/values.js";
import { createKiln } from "../../src/api/index.js";
import { cliMissingReason, repoRoot, runKiln } from "../harness/kiln-cli.js";

// eslint-disable-next-line @typescript-eslint/ban-types
const fn = (name: string): Function => {
  const p = bitwisePrimitives.find((s) => s.name === name);
  if (!p) throw new Error(`no primitive ${name}`);
  return p.fn;
};

/** A deterministic pseudo-random generator (xorshift), so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x;
  };
}

/** Random exact integers: small, around 32 and 53 bits, and large; both signs. */
function randomInts(n: number, seed: number): bigint[] {
  const next = rng(seed);
  const out: bigint[] = [0n, 1n, -1n, 2n ** 31n, -(2n ** 31n), 2n ** 53n, -(2n ** 64n)];
  while (out.length < n) {
    const bits = [4, 31, 32, 33, 52, 53, 54, 64, 100, 200][next() % 10];
    let b = 0n;
    for (let i = 0; i < bits; i += 16) b = (b << 16n) | BigInt(next() & 0xffff);
    b = BigInt.asUintN(bits, b);
    out.push(next() & 1 ? -b : b);
  }
  return out;
}

const scheme = (b: bigint): Value => normBig(b);
const asBig = (v: Value): bigint => BigInt(v);

test("bitwise primitives agree with BigInt on integers of every size", () => {
  const xs = randomInts(60, 7);
  const and = fn("%bitwise-and"), ior = fn("%bitwise-ior"), xor = fn("%bitwise-xor"), eqv = fn("%bitwise-eqv");
  const not = fn("%bitwise-not"), nand = fn("%bitwise-nand"), andc1 = fn("%bitwise-andc1"), orc2 = fn("%bitwise-orc2");
  const bitIf = fn("%bitwise-if");
  for (const a of xs) {
    assert.equal(asBig(not(scheme(a))), ~a);
    for (const b of xs.slice(0, 20)) {
      const A = scheme(a), B = scheme(b);
      assert.equal(asBig(and([A, B])), a & b, `and ${a} ${b}`);
      assert.equal(asBig(ior([A, B])), a | b, `ior ${a} ${b}`);
      assert.equal(asBig(xor([A, B])), a ^ b, `xor ${a} ${b}`);
      assert.equal(asBig(eqv([A, B])), ~(a ^ b), `eqv ${a} ${b}`);
      assert.equal(asBig(nand(A, B)), ~(a & b));
      assert.equal(asBig(andc1(A, B)), ~a & b);
      assert.equal(asBig(orc2(A, B)), a | ~b);
      assert.equal(asBig(bitIf(A, B, scheme(a ^ b))), (a & b) | (~a & (a ^ b)));
      // Results are normalized: a JS number whenever the value is a safe integer.
      const r = and([A, B]);
      assert.equal(typeof r === "bigint", (a & b) > BigInt(Number.MAX_SAFE_INTEGER) || (a & b) < -BigInt(Number.MAX_SAFE_INTEGER));
    }
  }
});

test("shifts, counts, lengths and fields agree with BigInt", () => {
  const shift = fn("%arithmetic-shift"), count = fn("%bit-count"), len = fn("%integer-length");
  const field = fn("%bit-field"), setp = fn("%bit-set?"), first = fn("%first-set-bit");
  const popcount = (b: bigint): number => [...(b < 0n ? ~b : b).toString(2)].filter((c) => c === "1").length;
  const length = (b: bigint): number => { const m = b < 0n ? ~b : b; return m === 0n ? 0 : m.toString(2).length; };
  for (const a of randomInts(80, 11)) {
    const A = scheme(a);
    for (const k of [0, 1, 5, 31, 32, 33, 63, 64, 100]) {
      assert.equal(asBig(shift(A, k)), a << BigInt(k), `shift ${a} ${k}`);
      assert.equal(asBig(shift(A, -k)), a >> BigInt(k), `shift ${a} -${k}`);
      assert.equal(setp(k, A), ((a >> BigInt(k)) & 1n) === 1n, `bit-set? ${k} ${a}`);
      assert.equal(asBig(field(A, k, k + 40)), BigInt.asUintN(40, a >> BigInt(k)), `bit-field ${a} ${k}`);
    }
    assert.equal(count(A), popcount(a), `bit-count ${a}`);
    assert.equal(len(A), length(a), `integer-length ${a}`);
    assert.equal(first(A), a === 0n ? -1 : length(a & -a) - 1, `first-set-bit ${a}`);
  }
});

test("bitwise primitives reject what is not an exact integer", () => {
  assert.throws(() => fn("%bitwise-and")([1.5]), /expected an exact integer/);
  assert.throws(() => fn("%bit-field")(5, 3, 2), /end index out of range/);
  assert.throws(() => fn("%bit-set?")(-1, 5), /bit index out of range/);
});

test("equalHash agrees with equal?", () => {
  const next = rng(3);
  const atom = (): Value => {
    switch (next() % 6) {
      case 0: return next() % 100;
      case 1: return new MString("s" + (next() % 5));
      case 2: return intern("sym" + (next() % 5));
      case 3: return 2n ** 70n + BigInt(next() % 3);
      case 4: return (next() % 7) + 0.5;
      default: return NIL;
    }
  };
  const build = (depth: number): Value => {
    if (depth === 0 || next() % 3 === 0) return atom();
    if (next() % 2) return new Pair(build(depth - 1), build(depth - 1));
    return Array.from({ length: next() % 4 }, () => build(depth - 1));
  };
  const copy = (x: Value): Value => {
    if (x instanceof Pair) return new Pair(copy(x.car), copy(x.cdr));
    if (Array.isArray(x)) return x.map(copy);
    if (x instanceof MString) return new MString(x.toString());
    return x;
  };
  let collisions = 0;
  let previous = equalHash(build(4));
  for (let i = 0; i < 300; i++) {
    const x = build(5);
    const y = copy(x);
    assert.ok(equal(x, y));
    assert.equal(equalHash(x), equalHash(y));
    const h = equalHash(x);
    if (h === previous) collisions++;
    previous = h;
  }
  assert.ok(collisions < 30, `too many equal consecutive hashes: ${collisions}`);
  // A string whose characters were set one by one (code-point representation) hashes as
  // the same text written as a literal.
  const m = new MString("abc");
  m.setCodePoint(1, "b".codePointAt(0)!);
  assert.equal(equalHash(m), equalHash(new MString("abc")));
  // Circular lists that are bisimilar hash alike, and hashing them terminates.
  const a = arrayToList([1, 2]);
  a.cdr.cdr = a;
  const b = arrayToList([1, 2, 1, 2]);
  b.cdr.cdr.cdr.cdr = b;
  assert.ok(equal(a, b));
  assert.equal(equalHash(a), equalHash(b));
});

test("the SRFI 64 simple runner reports a passing suite", async () => {
  cliMissingReason();
  const file = path.join("test", "scheme", "srfi", "64-suite.sps");
  const r = await runKiln([file], { cwd: repoRoot });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    r.stdout,
    "%%%% Starting test kiln-srfi-64-suite\n" +
      "# of expected passes      14\n" +
      "# of expected failures    1\n" +
      "# of skipped tests        1\n",
  );
});

test("the SRFI 64 simple runner reports failures", () => {
  const k = createKiln();
  const r = k.evaluate(`
    (import (scheme base) (srfi 64))
    (test-begin "failing")
    (test-equal "arith" 5 (+ 2 2))
    (test-assert (vector-ref (vector) 0))
    (test-expect-fail 1)
    (test-assert "surprise" #t)
    (test-eqv 1 1)
    (test-end "failing")`);
  assert.equal(r.ok, true, r.error);
  assert.equal(
    r.output,
    "%%%% Starting test failing\n" +
      "FAIL arith\n" +
      "  expected: 5\n" +
      "  got: 4\n" +
      "FAIL (vector-ref (vector) 0)\n" +
      "  raised: vector-ref: index out of range for length 0: 0\n" +
      "XPASS surprise\n" +
      "# of expected passes      1\n" +
      "# of unexpected successes 1\n" +
      "# of unexpected failures  2\n",
  );
});
