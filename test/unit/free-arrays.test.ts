// Every closure's free array has one V8 elements kind, PACKED_ELEMENTS, whichever tier made it
// and whatever it holds (code.ts freeSlots/freeOf). The interpreter's arrays were HOLEY and
// native code's literals PACKED_SMI or PACKED_DOUBLE by their contents, so native loads of
// `clo.free[i]` met several maps and deoptimized when a new one came (fft, interp, maze).
import { test } from "node:test";
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { Runtime } from "../../src/api/runtime.js";
import { Host } from "../../src/host/host.js";
import { Closure } from "../../src/bytecode/code.js";
import { Pair } from "../../src/runtime/values.js";

setFlagsFromString("--allow-natives-syntax");
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const packedObjects = new Function("a", "return %HasObjectElements(a) && !%HasHoleyElements(a);") as (a: unknown[]) => boolean;

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };

// Closures over fixnums only, flonums only, and a mix, made in a procedure called enough to be compiled.
const program = `
(define (make a b) (list (lambda () (+ a b)) (lambda () (* a 1.5)) (lambda () (cons a b))))
(define (many k acc) (if (= k 0) acc (many (- k 1) (make k (+ k 1)))))
(define (many-fl k acc) (if (= k 0) acc (many-fl (- k 1) (make (+ k .5) (+ k .25)))))
(list (many 5 '()) (many-fl 5 '()) (make 'x (list 1)))`;

for (const threshold of [null, 0]) {
  test(`closures' free arrays are PACKED_ELEMENTS, ${threshold === null ? "interpreter" : "JIT threshold 0"}`, () => {
    const rt = new Runtime(host, { jit: { enabled: threshold !== null, threshold: threshold ?? 0, debug: false, wasm: "off" } });
    const env = rt.newTopLevel();
    let groups = rt.runProgram(program, "t.scm", env);
    if (threshold !== null) {
      const make = rt.runProgram("make", "t.scm", env) as Closure;
      assert.notEqual(make.code.jit, null, "make is compiled");
    }
    let seen = 0;
    for (; groups instanceof Pair; groups = groups.cdr) {
      for (let l = groups.car; l instanceof Pair; l = l.cdr) {
        const clo = l.car as Closure;
        assert.ok(clo instanceof Closure);
        assert.ok(packedObjects(clo.free), `free array of ${clo.code.name} (${clo.free.map(String).join(", ")}) is not PACKED_ELEMENTS`);
        seen++;
      }
    }
    assert.equal(seen, 9);
  });
}
