// Compiled code from files: Code objects round-trip through the unit format; the bytecode
// verifier rejects each kind of damage with a clear message; randomly mutated unit files are
// either loaded (and verified) or rejected with a SerialError/VerifyError, never another
// exception; the precompiled prelude is used at start-up and a damaged image falls back to
// compiling the source with the same results.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Runtime } from "../../src/api/runtime.js";
import { Host } from "../../src/host/host.js";
import { readAll } from "../../src/reader/reader.js";
import { writeString } from "../../src/runtime/printer.js";
import { Code } from "../../src/bytecode/code.js";
import { Op, OPCODES, OPCODE_COUNT } from "../../src/bytecode/opcodes.js";
import { Recorder, encodeUnit, loadUnit } from "../../src/cache/unit.js";
import { verifyToplevel, VerifyError, TERMINAL, constKind } from "../../src/cache/verify.js";
import { ByteReader, SerialError } from "../../src/serial/bytes.js";
import { SchemeError } from "../../src/runtime/errors.js";
import { readValue } from "../../src/serial/values.js";
import { readCodeTable, readHeader } from "../../src/cache/code-serial.js";
import { Closure } from "../../src/bytecode/code.js";
import { encodeImage, Image } from "../../src/cache/image.js";
import { disassemble } from "../../src/bytecode/disassembler.js";

const runs = Number(process.env.KILN_FUZZ_CASES ?? 200);
const quiet: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };

const PROGRAM = `
(define-syntax swap! (syntax-rules () ((_ a b) (let ((t a)) (set! a b) (set! b t)))))
(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
(define (count-up n) (let loop ((i 0) (acc '())) (if (= i n) (reverse acc) (loop (+ i 1) (cons i acc)))))
(define x 1) (define y 2) (swap! x y)
(define v (vector 1 2.5 "s" #\\a 'sym 12345678901234567890 1/3))
(define (qr n) (let-values (((q r) (floor/ n 7)) (all (values 1 2))) (list q r all)))
(define-values (dv . dvs) (values 'a 'b 'c))
(list (fib 15) (count-up 5) x y v (car '(a b)) (qr 23) dv dvs)`;

/** Compile PROGRAM in a fresh runtime, recording it as a unit; returns the bytes and the expected result. */
function compiled(): { bytes: Uint8Array; expected: string } {
  const rt = new Runtime(quiet);
  const env = rt.newTopLevel();
  const recorder: Recorder = rt.codeCache.recorder;
  const rec = recorder.begin(env, "program");
  const clo = rt.compile(readAll(PROGRAM, "p.scm"), env);
  recorder.end(rec);
  const bytes = encodeUnit(rt, rec, clo.code, null);
  return { bytes, expected: writeString(rt.vm.run(clo), "write") };
}

function load(bytes: Uint8Array, damaged?: (e: Error) => string): { rt: Runtime; run: () => string; root: Closure } {
  const rt = new Runtime(quiet);
  const env = rt.newTopLevel();
  const unit = loadUnit(rt, new ByteReader(bytes), env, "program", "p.scm", damaged);
  return { rt, root: unit.closure, run: () => writeString(rt.vm.run(unit.closure), "write") };
}

/** Read every procedure body of a loaded unit now (they are read at their first use): throws what the first damaged one raises. */
function readAllBodies(root: Code): number {
  const seen = new Set<Code>([root]);
  const stack = [root];
  while (stack.length > 0) for (const k of stack.pop()!.consts) if (k instanceof Code && !seen.has(k)) { seen.add(k); stack.push(k); }
  return seen.size;
}

/** Where the first instruction of the body of the procedure `name` is in a unit's bytes. */
function firstInstructionOf(bytes: Uint8Array, name: string): number {
  const r = new ByteReader(bytes);
  readValue(r);
  const t = readCodeTable(r);
  for (let i = 0; i < t.starts.length - 1; i++) {
    const h = readHeader(t, i);
    // The body starts with the word count (one byte here) padded to 4 bytes, then the words.
    if (h.name === name) return h.bodyStart + 4;
  }
  throw new Error(`no procedure ${name}`);
}

test("a program's compiled unit loads into a fresh runtime and gives the same result", () => {
  const { bytes, expected } = compiled();
  assert.equal(load(bytes).run(), expected);
});

test("every code-kind constant operand is known to the verifier", () => {
  // An opcode whose constant must be a cell or code and that the verifier does not know
  // would let a hostile file put data there: keep verify.ts's table in step with opcodes.ts.
  for (let op = 0; op < OPCODE_COUNT; op++) {
    const info = OPCODES[op as Op];
    info.operands.forEach((k, i) => {
      if (k !== "const") return;
      const kind = constKind(op, i);
      const plain = info.name === "CONST";
      assert.ok(kind !== null || plain, `${info.name}: what must its constant operand hold? (src/cache/verify.ts)`);
    });
  }
  for (const t of TERMINAL) assert.ok(Object.values(OPCODES).some((i) => i.name === t), `terminal op ${t} exists`);
});

test("the verifier rejects each kind of damage with a message", () => {
  const rt = new Runtime(quiet);
  const fresh = (): Code => rt.compile(readAll("(define (f a b) (if a (car b) (f b a))) (f #f '(1))", "v.scm"), rt.newTopLevel()).code;
  verifyToplevel(fresh(), "ok");
  const inner = (c: Code): Code => c.consts.find((k) => k instanceof Code) as Code;
  const cases: [string, (c: Code) => void, RegExp][] = [
    ["unknown opcode", (c) => { c.code[0] = 250; }, /unknown opcode 250/],
    ["register outside the frame", (c) => { const f = inner(c); f.code[1] = f.frameSize + 3; }, /register .* outside the frame/],
    ["constant outside the table", (c) => { const i = c.code.indexOf(Op.CLOSURE); c.code[i + 2] = 99; }, /constant 99 outside the table/],
    ["cell expected", (c) => { const f = inner(c); const i = [...f.code].findIndex((w, j) => w === Op.CAR && j > 0); f.consts[f.code[i + 3]] = 5; }, /not a global cell/],
    ["control runs off the end", (c) => { (c as { code: Uint32Array }).code = c.code.slice(0, c.code.length - 2); }, /runs (past|off) the end/],
  ];
  const withValues = (): Code => rt.compile(readAll("(define (g p) (let-values (((a b) (p))) (+ a b))) g", "w.scm"), rt.newTopLevel()).code;
  const valueAt = (c: Code): [Code, number] => { const g = inner(c); return [g, [...g.code].indexOf(Op.VALUE)]; };
  verifyToplevel(withValues(), "ok");
  assert.ok(valueAt(withValues())[1] > 0, disassemble(inner(withValues())).join("\n"));
  const valueCases: [string, (g: Code, i: number) => void, RegExp][] = [
    ["value index past the count", (g, i) => { g.code[i + 3] = 3; }, /VALUE: value index past the count/],
    ["bad rest flag", (g, i) => { g.code[i + 5] = 2; }, /VALUE: .*bad rest flag/],
    ["name not a symbol", (g, i) => { g.consts[g.code[i + 6]] = 5; }, /VALUE: constant \d+ is not a symbol/],
  ];
  for (const [what, damage, message] of valueCases) {
    const c = withValues();
    const [g, i] = valueAt(c);
    damage(g, i);
    assert.throws(() => verifyToplevel(c, "w.scm"), (e: Error) => e instanceof VerifyError && message.test(e.message), what);
  }
  for (const [what, damage, message] of cases) {
    const c = fresh();
    damage(c);
    assert.throws(() => verifyToplevel(c, "v.scm"), (e: Error) => e instanceof VerifyError && message.test(e.message), what);
  }
  // A jump backward (a loop the compiler never makes) and one into the middle of an instruction.
  const c = fresh();
  const f = inner(c);
  const jf = [...f.code].indexOf(Op.JF);
  assert.ok(jf >= 0, disassemble(f).join("\n"));
  f.code[jf + 2] = 0;
  assert.throws(() => verifyToplevel(c, "v.scm"), /jump target 0 is not forward/);
  f.code[jf + 2] = jf + 4;
  assert.throws(() => verifyToplevel(c, "v.scm"), /not an instruction boundary|jump target/);
});

test("mutated unit files are rejected or verified, never crash (property)", () => {
  const { bytes } = compiled();
  fc.assert(fc.property(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { minLength: 1, maxLength: 4 }), fc.boolean(), (flips, truncate) => {
    const bad = truncate ? bytes.slice(0, flips[0][0]) : Uint8Array.from(bytes);
    if (!truncate) for (const [i, b] of flips) bad[i] = b;
    let loaded: Closure;
    try { loaded = load(bad, (e) => `damaged: ${e.message}`).root; } catch (e) {
      if (!(e instanceof SerialError || e instanceof VerifyError)) throw e;
      return;
    }
    // The top level loaded: every other body is read at its first use, and a damaged one is a
    // Scheme error saying so there.
    try { readAllBodies(loaded.code); } catch (e) {
      if (!(e instanceof SchemeError && /^damaged: /.test(e.message))) throw e;
    }
  }), { numRuns: runs });
});

test("procedure bodies are read at their first use; a damaged one is a Scheme error there", () => {
  const rt = new Runtime(quiet);
  const env = rt.newTopLevel();
  const rec = rt.codeCache.recorder.begin(env, "program");
  const clo = rt.compile(readAll(`(define (callee n) (* n 2))
(define (unused) (car 1))
(define (run) (guard (e ((error-object? e) (list 'caught (error-object-message e)))) (callee 21)))
(run)`, "p.scm"), env);
  rt.codeCache.recorder.end(rec);
  const bytes = encodeUnit(rt, rec, clo.code, null);
  const good = load(bytes);
  const pending = (c: Code): Code[] => c.consts.filter((k): k is Code => k instanceof Code && k.pending !== null);
  assert.equal(pending(good.root.code).length, 3, "no body read before its first use");
  assert.equal(good.run(), "42");
  assert.deepEqual(pending(good.root.code).map((c) => c.name), ["unused"], "the bodies called were read");
  assert.ok(readAllBodies(good.root.code) >= 4);
  assert.deepEqual(pending(good.root.code), []);

  const bad = Uint8Array.from(bytes);
  bad[firstInstructionOf(bad, "callee")] = 250;
  const told: string[] = [];
  const loaded = load(bad, (e) => { told.push(e.message); return `p.scm: damaged (${e.message})`; });
  assert.match(loaded.run(), /^\(caught "p\.scm: damaged \(p\.scm: in callee, pc 0: unknown opcode 250\)"\)$/);
  assert.throws(() => loaded.rt.vm.run(new Closure(pending(loaded.root.code).find((c) => c.name === "callee") ?? loaded.root.code, [])),
    (e: Error) => e instanceof SchemeError && /^p\.scm: damaged/.test(e.message), "every later use raises the same error");
  assert.equal(told.length, 1, "the loader hears of a damaged unit once");
  // The other procedures still load and run.
  const names = loaded.root.code.consts.filter((k): k is Code => k instanceof Code);
  const unused = names.find((c) => c.name === "unused")!;
  assert.throws(() => loaded.rt.vm.run(new Closure(unused, [])), (e: Error) => !/damaged/.test(String((e as { payload?: { message?: string } }).payload?.message)));
});

test("start-up loads the precompiled prelude; a damaged or foreign image falls back to source", () => {
  const rt = new Runtime(quiet);
  assert.ok(rt.codeCache.hasImage, "the build put a precompiled image in the package");
  assert.equal(rt.codeCache.stats.prelude, 4, rt.codeCache.stats.failures.join("; "));
  const src = "(import (srfi 1)) (guard (e (#t (list 'caught e))) (raise (fold + 0 (iota 10))))";
  // (One runtime: a top level of one runtime run by another's interpreter mixes their handler stacks.)
  const fromSource = new Runtime(quiet, { precompiled: null });
  const expected = writeString(fromSource.evalForms(readAll(src, "t.scm"), fromSource.newTopLevel()), "write");
  const run = (rt2: Runtime): string => writeString(rt2.evalForms(readAll(src, "t.scm"), rt2.newTopLevel()), "write");
  assert.equal(run(rt), "(caught 45)");
  assert.equal(expected, "(caught 45)");
  assert.ok(rt.codeCache.stats.libraries >= 1, "(srfi 1) came from the image");
  const entries = new Map<string, Uint8Array>();
  const recorder = new Runtime(quiet, { precompiled: null, record: (n, b) => entries.set(n, b) });
  assert.ok(recorder.codeCache.hasImage === false);
  const image = encodeImage(entries);
  assert.ok(new Image(image).has("prelude:core.scm"));
  const damaged = Uint8Array.from(image);
  for (let i = 200; i < damaged.length; i += 97) damaged[i] ^= 0x55;
  const rt3 = new Runtime(quiet, { precompiled: damaged });
  assert.equal(run(rt3), "(caught 45)");
  assert.ok(rt3.codeCache.stats.failures.length > 0);
  const foreign = encodeImage(entries, "another kiln");
  const rt4 = new Runtime(quiet, { precompiled: foreign });
  assert.equal(rt4.codeCache.stats.prelude, 0);
  assert.match(rt4.codeCache.stats.failures[0], /compiled by another Kiln/);
  assert.equal(run(rt4), "(caught 45)");
});
