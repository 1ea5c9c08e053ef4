// The JIT never splices program text into generated JavaScript: names, strings, symbols and
// numbers from the program reach native code through the constants array. Programs made of
// JavaScript-looking text must run the same compiled as interpreted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Runtime } from "../../src/api/runtime.js";
import { readAll } from "../../src/reader/reader.js";
import { writeString } from "../../src/runtime/printer.js";
import { Code } from "../../src/bytecode/code.js";
import { Host } from "../../src/host/host.js";

const host: Host = { stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [] };
const nasty = [
  '"); throw new Error("pwned"); ("', "\\\\'; process.exit(1); //", "*/ throw 1; /*", "${process.exit(1)}",
  "\u2028line\u2029sep", "`backtick`", "</script>", "\\u0041", "0x1F", "NaN", "-0",
];

function schemeString(s: string): string {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}

const program = `
(define (|"); throw 1; ("| x) (string-append x ${schemeString(nasty[1])}))
(define (|*/ evil /*| |\${x}|) (list |\${x}| '|); process.exit(1); (| ${schemeString(nasty[3])}))
(define strings (list ${nasty.map(schemeString).join(" ")}))
(define (loop xs acc) (if (null? xs) (reverse acc) (loop (cdr xs) (cons (string-length (car xs)) acc))))
(list (|"); throw 1; ("| ${schemeString(nasty[0])}) (|*/ evil /*| 9007199254740993) (loop strings '()) 'NaN '|-0| 1e308 -0.0)`;

function run(threshold: number | null): string {
  const rt = new Runtime(host, { jit: { enabled: threshold !== null, threshold: threshold ?? 0, debug: false } });
  return writeString(rt.runProgram(program, "nasty.scm"), "write");
}

test("JavaScript-looking names and strings run the same compiled and interpreted", () => {
  const interpreted = run(null);
  assert.equal(run(0), interpreted);
  assert.match(interpreted, /9007199254740993/);
});

test("generated source contains none of the program's text", () => {
  const rt = new Runtime(host, { jit: { enabled: true, threshold: 0, debug: false } });
  const top = rt.compile(readAll(program, "nasty.scm"), rt.newTopLevel());
  const codes: Code[] = [top.code];
  for (let i = 0; i < codes.length; i++) for (const c of codes[i].consts) if (c instanceof Code) codes.push(c);
  assert.ok(codes.length >= 4);
  for (const code of codes) {
    const src = rt.jit.sourceOf(code);
    for (const bad of ["throw 1", "evil", "process.exit", "pwned", "backtick", "\u2028", "\u2029", "${x}", "</script>"]) {
      assert.ok(!src.includes(bad), `generated code for ${code.name} contains ${JSON.stringify(bad)}`);
    }
    assert.match(src, /^return function kiln_\d+\(/m);
  }
});
