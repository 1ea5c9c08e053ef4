// Unboxed flonums (src/jit/unbox.ts): after warm-up, a flonum loop's parameters and
// intermediates live in double locals, and every way out of the double world (a type change at
// a guard, a redefined primitive, an exact argument at entry) gives the interpreter's answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { writeString } from "../../src/runtime/printer.js";
import { Closure, Code } from "../../src/bytecode/code.js";
import { Host } from "../../src/host/host.js";
import { FB_UNBOX_FAILED } from "../../src/jit/feedback.js";
import { paramFailures } from "../../src/jit/unbox.js";
import { generateSource } from "../../src/jit/codegen-js.js";
import { Op, instructionLength } from "../../src/bytecode/opcodes.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };

const loop = `
(define (count cr ci limit)
  (let loop ((zr 0.) (zi 0.) (i 0))
    (if (or (= i limit) (> (+ (* zr zr) (* zi zi)) 4.))
        i
        (loop (+ (- (* zr zr) (* zi zi)) cr) (+ (* 2. zr zi) ci) (+ i 1)))))
(define (grid n) (let y ((j 0) (t 0)) (if (= j n) t (y (+ j 1) (let x ((i 0) (t t)) (if (= i n) t (x (+ i 1) (+ t (count (- (* i 0.1) 1.5) (- (* j 0.1) 1.) 50)))))))))
`;

function runtime(threshold: number | null): Runtime {
  return new Runtime(host, { jit: { enabled: threshold !== null, threshold: threshold ?? 0, debug: false } });
}

/** The Code of the first lambda nested in `proc` (a named let's loop). */
function innerCode(proc: unknown): Code {
  const inner = (proc as Closure).code.consts.find((c): c is Code => c instanceof Code);
  assert.ok(inner, "the procedure has a nested lambda");
  return inner;
}

test("a warmed-up flonum loop keeps its parameters and intermediates in double locals", () => {
  const rt = runtime(50);
  const code = innerCode(rt.runProgram(loop + "(grid 20) count", "loop.scm"));
  assert.notEqual(code.jit, null, "the loop was compiled");
  const js = rt.jit.sourceOf(code);
  // zr and zi (registers 0 and 1) are checked once at entry and assigned as doubles by the loop.
  assert.match(js, /d0 = r0; else if \(r0 instanceof Flonum\) d0 = r0\.v;/);
  assert.match(js, /d0 = d\d+; r0 = HOLE; d1 = d\d+; r1 = HOLE;/);
  assert.match(js, /d\d+ = d0 \* d0;/);
  // The loop body allocates nothing for its flonums: no boxing outside the paths that leave it.
  const body = js.slice(js.indexOf("for (;;)"), js.indexOf("continue;"));
  assert.doesNotMatch(body.replace(/return R\.tail\([^;]*;/g, ""), /new Flonum|R\.flo\(/);
});

test("flonum loops give the interpreter's results, however their values change", () => {
  const program = loop + `
(define a (grid 20))
(define (g x) (count x x 30))
(list a (g 0.25) (g 1) (g 1/2) (g (expt 2 70)) (guard (e ((error-object? e) (error-object-message e))) (g 'x))
      (count 0. 0. 10) (count -0.0 +inf.0 5) (count +nan.0 0. 5) (grid 5))`;
  const expected = writeString(runtime(null).runProgram(program, "p.scm"), "write");
  for (const threshold of [0, 1, 50]) {
    const rt = runtime(threshold);
    assert.equal(writeString(rt.runProgram(program, "p.scm"), "write"), expected, `threshold ${threshold}`);
  }
});

test("a parameter that fails its entry check stays tagged, and a failed guard keeps its site tagged", () => {
  const rt = runtime(50);
  const program = loop + `
(grid 20)
(count 1 1/2 10)                                  ; zr, zi start exact, cr and ci are ratnums
(define (again n) (if (> n 0) (begin (count 1 1/2 10) (count 0.5 0.5 50) (again (- n 1)))))
(again 300)
count`;
  const code = innerCode(rt.runProgram(program, "p.scm"));
  const failed = paramFailures(code) !== 0 || code.feedback.some((b) => (b & FB_UNBOX_FAILED) !== 0);
  assert.ok(failed, "the type change was recorded");
  // At most: int32 and flonum guards at a few sites and the entry checks, each once.
  assert.ok(rt.jit.stats.deopts >= 1, "the guards failed");
  assert.ok(rt.jit.stats.deopts <= 8, `no deoptimization loop (${rt.jit.stats.deopts} deopts)`);
});

test("a resume entry after a call declares every constant it uses (a flonum constant loaded before the call)", () => {
  // Found by the differential test: (+ 1e21 (deep ...)) resumed after the call to deep used
  // the constant's k<i>, declared only in the procedure's entry function.
  const rt = runtime(0);
  const deep = rt.runProgram("(define (deep i) (if (= i 0) 1 (+ 1e21 (* 2.0 (deep (- i 1)))))) (deep 3) (deep 3) deep", "deep.scm") as Closure;
  const code = deep.code;
  for (let pc = 0; pc < code.code.length; pc += instructionLength(code.code, pc)) {
    if (code.code[pc] !== Op.CALL) continue;
    const src = generateSource(code, 1, pc + 3, [], (c) => c.jit);
    const declared = new Set([...src.matchAll(/\bk(\d+) = K\[/g)].map((m) => m[1]));
    for (const m of src.matchAll(/\bk(\d+)\b/g)) assert.ok(declared.has(m[1]), `k${m[1]} is used but not declared in the resume entry at ${pc + 3}`);
  }
});
