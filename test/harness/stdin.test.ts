// Standard input and the end of a program, from the command line: `node bin/kiln.js prog.scm`
// with input piped in, redirected from a file, absent, or typed line by line (read-line,
// read-char and read to end of input; a prompt shows before the program waits); the REPL's
// current input port at end of input; exit and emergency-exit (dynamic-wind after thunks run
// for one and not the other); file output ports flushed at exit.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { cliMissingReason, clip, kilnBin, repoRoot } from "./kiln-cli.js";

let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-stdin-")); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const missing = cliMissingReason();
const cliTest = (name: string, fn: () => void | Promise<void>): void => {
  test(name, { skip: missing || false }, fn);
};

interface Run { status: number | null; stdout: string; stderr: string }

/** Write `source` to <tmp>/<name>; run it with `stdin` (a string, a file descriptor, or nothing). */
function run(name: string, source: string, stdin: string | number | "ignore", args: string[] = []): Run {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  const r = spawnSync(process.execPath, [kilnBin, ...args, file], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    input: typeof stdin === "string" && stdin !== "ignore" ? stdin : undefined,
    stdio: [typeof stdin === "number" ? stdin : stdin === "ignore" ? "ignore" : "pipe", "pipe", "pipe"],
  });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function show(r: Run): string {
  return `\n--- exit status: ${r.status}\n--- stdout:\n${clip(r.stdout, 3000)}\n--- stderr:\n${clip(r.stderr, 3000)}`;
}

const READ_LINES = `
(let loop ((n 0))
  (let ((l (read-line)))
    (if (eof-object? l)
        (begin (display n) (newline))
        (begin (write l) (newline) (loop (+ n 1))))))
`;

cliTest("read-line reads piped input to end of file", () => {
  const r = run("lines.scm", READ_LINES, "first\r\nλ second 😀\n\nno newline at end");
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, '"first"\n"λ second 😀"\n""\n"no newline at end"\n4\n', show(r));
});

cliTest("standard input redirected from a file", () => {
  const input = path.join(dir, "input.txt");
  writeFileSync(input, "alpha\nbeta\n");
  const fd = openSync(input, "r");
  try {
    const r = run("lines-file.scm", READ_LINES, fd);
    assert.equal(r.status, 0, show(r));
    assert.equal(r.stdout, '"alpha"\n"beta"\n2\n', show(r));
  } finally { closeSync(fd); }
});

cliTest("no standard input is end of file at once", () => {
  const r = run("lines-none.scm", READ_LINES + "(write (list (read-char) (peek-char) (read)))\n(newline)\n", "ignore");
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, "0\n(#<eof> #<eof> #<eof>)\n", show(r));
});

cliTest("read-char over a large input whose UTF-8 sequences straddle chunk boundaries", () => {
  const input = "aλ😀".repeat(60_000);   // 420 KB of UTF-8: many reads, split sequences
  const r = run("chars.scm", `
(let loop ((n 0) (wide 0))
  (let ((c (read-char)))
    (cond ((eof-object? c) (write (list n wide)) (newline))
          ((> (char->integer c) #xffff) (loop (+ n 1) (+ wide 1)))
          (else (loop (+ n 1) wide)))))
`, input);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, "(180000 60000)\n", show(r));
});

cliTest("read takes data to end of file, including a datum larger than one chunk", () => {
  let input = "";
  for (let i = 1; i <= 20_000; i++) input += i + (i % 10 === 0 ? "\n" : " ");
  input += "(" + Array.from({ length: 50_000 }, (_, i) => String(i)).join(" ") + ")\n\"str\" #\\x sym";
  const r = run("data.scm", `
(let loop ((count 0) (sum 0) (other '()))
  (let ((d (read)))
    (cond ((eof-object? d) (write (list count sum (reverse other))) (newline))
          ((number? d) (loop (+ count 1) (+ sum d) other))
          ((pair? d) (loop (+ count 1) sum (cons (length d) other)))
          (else (loop (+ count 1) sum (cons d other))))))
`, input);
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, '(20004 200010000 (50000 "str" #\\x sym))\n', show(r));
});

cliTest("read, read-line and read-char share one position on standard input", () => {
  const r = run("mixed.scm", `
(define a (read))
(define rest (read-line))
(define c (read-char))
(define line2 (read-line))
(write (list a rest c line2 (read))) (newline)
`, "(1 2) tail\nXyz\n#t");
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, '((1 2) " tail" #\\X "yz" #t)\n', show(r));
});

cliTest("a read error on standard input is read-error? and names <stdin>", () => {
  const r = run("bad.scm", `
(write (guard (e ((read-error? e) (list 'read-error (error-object-message e)))) (read)))
(newline)
`, "(1 2");
  assert.equal(r.status, 0, show(r));
  assert.match(r.stdout, /^\(read-error "[^"]*"\)\n$/, show(r));
  const u = run("bad-uncaught.scm", "(read)\n", ")");
  assert.equal(u.status, 70, show(u));
  assert.match(u.stderr, /<stdin>|\)/, show(u));
});

cliTest("input typed line by line is read as it comes; a prompt shows before the wait", async () => {
  const file = path.join(dir, "interactive.scm");
  writeFileSync(file, `
(display "name? ")
(let ((n (read-line))) (display (string-append "hello " n)) (newline))
(display "datum? ")
(let ((d (read))) (write (list 'got d)) (newline))
(write (read-line)) (newline)
(write (read-char)) (newline)
`);
  const child = spawn(process.execPath, [kilnBin, file], { cwd: repoRoot, stdio: ["pipe", "pipe", "pipe"] });
  // Each reply is sent only once the program has printed what comes before it, so the
  // program must answer each line before seeing the next.
  const script: [string, string | null][] = [
    ["name? ", "bob\n"],
    ["hello bob\ndatum? ", "(a\n b) rest\n"],
    ['(got (a b))\n" rest"\n', null],
  ];
  let pending = "", transcript = "", stderr = "";
  child.stderr.on("data", (b: Buffer) => { stderr += b.toString("utf8"); });
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const status = await new Promise<number | null>((resolve) => {
    child.stdout.on("data", (b: Buffer) => {
      const s = b.toString("utf8");
      pending += s; transcript += s;
      while (script.length > 0 && pending.endsWith(script[0][0])) {
        const [, reply] = script.shift()!;
        pending = "";
        if (reply === null) child.stdin.end();
        else child.stdin.write(reply);
      }
    });
    child.on("close", (code) => resolve(code));
  });
  clearTimeout(timer);
  const r = { status, stdout: transcript, stderr };
  assert.equal(status, 0, show(r));
  assert.equal(transcript, 'name? hello bob\ndatum? (got (a b))\n" rest"\n#<eof>\n', show(r));
});

cliTest("in the REPL the current input port is at end of file", () => {
  const r = spawnSync(process.execPath, [kilnBin], {
    cwd: repoRoot, encoding: "utf8", timeout: 60_000,
    input: "(eof-object? (read-line))\n(eof-object? (read))\n(+ 1 2)\n",
  });
  const out = { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  assert.equal(r.status, 0, show(out));
  assert.match(out.stdout, /#t[\s\S]*#t[\s\S]*3/, show(out));
});

cliTest("emergency-exit skips dynamic-wind after thunks; exit runs them", () => {
  const prog = (how: string): string => `
(display "start")
(dynamic-wind
  (lambda () #f)
  (lambda () (${how} 7))
  (lambda () (display " after")))
(display " not reached")
`;
  const e = run("emergency.scm", prog("emergency-exit"), "ignore");
  assert.equal(e.status, 7, show(e));
  assert.equal(e.stdout, "start", show(e));
  const x = run("exit.scm", prog("exit"), "ignore");
  assert.equal(x.status, 7, show(x));
  assert.equal(x.stdout, "start after", show(x));
  assert.equal(run("emergency0.scm", "(emergency-exit)\n", "ignore").status, 0);
  assert.notEqual(run("emergency-f.scm", "(emergency-exit #f)\n", "ignore").status, 0);
});

cliTest("open file output ports are flushed at exit", () => {
  const cases: [string, string, number][] = [
    ["end", "", 0],
    ["exit", "(exit 3)", 3],
    ["emergency", "(emergency-exit 4)", 4],
    ["error", "(car '())", 70],
  ];
  for (const [name, ending, code] of cases) {
    const text = path.join(dir, `flushed-${name}.txt`);
    const bin = path.join(dir, `flushed-${name}.bin`);
    const r = run(`flush-${name}.scm`, `
(define t (open-output-file ${JSON.stringify(text)}))
(define b (open-binary-output-file ${JSON.stringify(bin)}))
(display "never closed λ" t)
(write-bytevector #u8(1 2 3) b)
${ending}
`, "ignore");
    assert.equal(r.status, code, `${name}${show(r)}`);
    assert.ok(existsSync(text), `${name}: ${text} exists${show(r)}`);
    assert.equal(readFileSync(text, "utf8"), "never closed λ", `${name}${show(r)}`);
    assert.deepEqual([...readFileSync(bin)], [1, 2, 3], `${name}${show(r)}`);
  }
});

cliTest("with-output-to-file from a program, read back with-input-from-file", () => {
  const file = path.join(dir, "with.txt");
  const r = run("with.scm", `
(with-output-to-file ${JSON.stringify(file)} (lambda () (write '(x "y")) (newline) (display "z")))
(display "to stdout ")
(write (with-input-from-file ${JSON.stringify(file)} (lambda () (list (read) (read-line) (read-line)))))
`, "ignore");
  assert.equal(r.status, 0, show(r));
  assert.equal(r.stdout, 'to stdout ((x "y") "" "z")', show(r));
  assert.equal(readFileSync(file, "utf8"), '(x "y")\nz');
});
