// The persistent code cache through the CLI (docs/cache.md): hits and misses, invalidation when
// a program, an imported library or an included file is edited, corrupt and truncated entries,
// concurrent writers, a read-only cache folder, --no-cache, `kiln compile`, and the same
// output in every tier with and without the cache. Each test uses its own KILN_CACHE_DIR.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { kilnBin } from "../harness/kiln-cli.js";
import { Image, encodeImage } from "../../src/cache/image.js";
import { readCodeTable, readHeader } from "../../src/cache/code-serial.js";
import { readValue } from "../../src/serial/values.js";

let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-cache-test-")); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

interface Stats { hits: number; misses: number; saved: number; failures: string[] }
interface Run { status: number | null; stdout: string; stderr: string; stats: Stats | null }

function kiln(args: string[], cache: string, extraEnv: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [kilnBin, ...args], {
    cwd: dir, encoding: "utf8", timeout: 60_000,
    env: { ...process.env, KILN_CACHE_DIR: cache, KILN_CACHE_DEBUG: "1", KILN_LIBRARY_PATH: "", ...extraEnv },
  });
  const m = /kiln: code cache (\{.*\})/.exec(r.stderr);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, stats: m ? JSON.parse(m[1]) as Stats : null };
}

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const entries = (cache: string): string[] => { try { return readdirSync(cache).filter((f) => f.endsWith(".kc")); } catch { return []; } };

function setup(name: string): { prog: string; lib: string; inc: string; cache: string } {
  const lib = write(`${name}/lib/kt/greet.sld`, `(define-library (kt greet) (export greet twice) (import (scheme base))
  (include "greet-body.scm")
  (begin (define-syntax twice (syntax-rules () ((_ e) (begin e e))))))\n`);
  const inc = write(`${name}/lib/kt/greet-body.scm`, `(define (greet) "hello")\n`);
  const prog = write(`${name}/prog.scm`, `(import (scheme base) (scheme write) (kt greet) (srfi 1))
(define-syntax swap! (syntax-rules () ((_ a b) (let ((t a)) (set! a b) (set! b t)))))
(define x 1) (define y 2) (swap! x y)
(twice (display (greet))) (newline)
(write (list x y (fold + 0 (iota 5)) (exact->inexact 1/3) 'sym "str" #\\a 12345678901234567890)) (newline)\n`);
  return { prog, lib, inc, cache: path.join(dir, name, "cache") };
}
const OUT = "hellohello\n(2 1 10 0.3333333333333333 sym \"str\" #\\a 12345678901234567890)\n";

test("a second run uses the cache; edits of the program, a library or an included file recompile", () => {
  const { prog, lib, inc, cache } = setup("edits");
  const args = ["-I", path.join(dir, "edits/lib"), prog];
  const first = kiln(args, cache);
  assert.equal(first.stdout, OUT, first.stderr);
  assert.deepEqual([first.stats?.hits, first.stats?.saved], [0, 2], first.stderr);
  assert.equal(entries(cache).length, 2);
  const second = kiln(args, cache);
  assert.equal(second.stdout, OUT);
  assert.equal(second.stats?.hits, 2, second.stderr);
  writeFileSync(inc, `(define (greet) "bye")\n`);
  const third = kiln(args, cache);
  assert.equal(third.stdout.split("\n")[0], "byebye", third.stderr);
  assert.equal(third.stats?.hits, 0, third.stderr);
  writeFileSync(lib, readFileSync(lib, "utf8").replace("(begin e e)", "(begin e e e)"));
  const fourth = kiln(args, cache);
  assert.equal(fourth.stdout.split("\n")[0], "byebyebye", fourth.stderr);
  assert.match(fourth.stats!.failures.join("\n"), /library \(kt greet\) changed/);
  writeFileSync(prog, readFileSync(prog, "utf8") + "(display \"more\")\n");
  const fifth = kiln(args, cache);
  assert.ok(fifth.stdout.endsWith("more"), fifth.stdout);
  assert.equal(fifth.stats?.hits, 1, "the library is still cached");
  assert.equal(kiln(args, cache).stats?.hits, 2);
});

test("corrupt, truncated and foreign entries are ignored and rebuilt", () => {
  const { prog, cache } = setup("corrupt");
  const args = ["-I", path.join(dir, "corrupt/lib"), prog];
  assert.equal(kiln(args, cache).stdout, OUT);
  const files = entries(cache).map((f) => path.join(cache, f));
  const damage: ((b: Buffer) => Buffer)[] = [
    (b) => b.subarray(0, b.length >> 1),
    (b) => { const c = Buffer.from(b); for (let i = 40; i < c.length; i += 7) c[i] ^= 0xa5; return c; },
    () => Buffer.from("not a cache file at all"),
    () => Buffer.alloc(0),
  ];
  for (const d of damage) {
    for (const f of files) writeFileSync(f, d(readFileSync(f)));
    const r = kiln(args, cache);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, OUT, r.stderr);
    assert.equal(r.stats?.hits, 0, r.stderr);
    assert.equal(kiln(args, cache).stats?.hits, 2, "rebuilt");
  }
});

/**
 * A cache file whose procedure `name` has an unknown opcode as its first instruction, with a
 * checksum that matches (as a file made to pass it would have): found only when it is used.
 */
function damageBody(bytes: Uint8Array, name: string): Uint8Array {
  const r = new Image(bytes).entry("unit")!;
  const unit = bytes.slice(r.start, r.end);
  const u = new Image(bytes).entry("unit")!;
  readValue(u);
  const t = readCodeTable(u);
  for (let i = 0; i < t.starts.length - 1; i++) {
    const h = readHeader(t, i);
    // The body starts with the word count (one byte here) padded to 4 bytes, then the words.
    if (h.name === name) { unit[h.bodyStart + 4 - r.start] = 250; return encodeImage(new Map([["unit", unit]])); }
  }
  throw new Error(`no procedure ${name} in the cache file`);
}

test("a procedure body found damaged at its first use is a Scheme error there; the entry is discarded and rebuilt", () => {
  const prog = write("lazy/prog.scm", `(import (scheme base) (scheme write))
(define (callee n) (* n 2))
(define (unused) 'unused)
(display (guard (e ((error-object? e) (if (string? (error-object-message e)) 'caught 'odd))) (callee 21)))
(newline)
(display (callee 4)) (newline)
`);
  const cache = path.join(dir, "lazy/cache");
  for (const mode of [["--no-jit"], ["--jit-threshold=0"], []]) {
    rmSync(cache, { recursive: true, force: true });
    assert.equal(kiln([...mode, prog], cache).stdout, "42\n8\n");
    const [file] = entries(cache).map((f) => path.join(cache, f));
    writeFileSync(file, damageBody(readFileSync(file), "callee"));
    const r = kiln([...mode, prog], cache);
    assert.equal(r.stats?.hits, 1, r.stderr);
    assert.equal(r.stdout, "caught\n", `${mode.join(" ")}: the error is a Scheme error a guard catches`);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /prog\.scm: the compiled code in the cache is damaged \(.*unknown opcode 250\); the cache entry is discarded/);
    assert.doesNotMatch(r.stderr, /TypeError|RangeError|at .*\.js:/, "no JS exception");
    assert.deepEqual(entries(cache), [], "the damaged entry is gone");
    const again = kiln([...mode, prog], cache);
    assert.equal(again.stdout, "42\n8\n", again.stderr);
    assert.equal(again.stats?.saved, 1, "compiled from source and saved again");
    assert.equal(kiln([...mode, prog], cache).stats?.hits, 1);
  }
});

test("concurrent writers both succeed; a read-only cache folder works; --no-cache writes nothing", async () => {
  const { prog, cache } = setup("concurrent");
  const args = [kilnBin, "-I", path.join(dir, "concurrent/lib"), prog];
  const env = { ...process.env, KILN_CACHE_DIR: cache };
  const runs = await Promise.all([0, 1, 2].map(() => new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: dir, env });
    let out = "";
    child.stdout.on("data", (b: Buffer) => { out += b.toString(); });
    child.on("close", (code) => resolve({ code, out }));
  })));
  for (const r of runs) { assert.equal(r.code, 0); assert.equal(r.out, OUT); }
  assert.equal(entries(cache).length, 2);
  assert.deepEqual(readdirSync(cache).filter((f) => f.endsWith(".tmp")), [], "no temporary files left");

  const ro = setup("readonly");
  const roArgs = ["-I", path.join(dir, "readonly/lib"), ro.prog];
  mkdirSync(ro.cache, { recursive: true });
  chmodSync(ro.cache, 0o555);
  try {
    const r = kiln(roArgs, ro.cache);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, OUT);
  } finally { chmodSync(ro.cache, 0o755); }

  const none = setup("nocache");
  const n = kiln(["--no-cache", "-I", path.join(dir, "nocache/lib"), none.prog], none.cache);
  assert.equal(n.stdout, OUT);
  assert.deepEqual(entries(none.cache), []);
});

test("kiln compile fills the cache ahead of time", () => {
  const { prog, lib, cache } = setup("compile");
  const c = kiln(["compile", lib], cache);
  assert.equal(c.status, 0, c.stderr);
  assert.equal(entries(cache).length, 1);
  const p = kiln(["-I", path.join(dir, "compile/lib"), "compile", prog], cache);
  assert.equal(p.status, 0, p.stderr);
  assert.equal(p.stdout, `kiln compile: ${prog}: compiled\n`, "nothing ran");
  const r = kiln(["-I", path.join(dir, "compile/lib"), prog], cache);
  assert.equal(r.stdout, OUT);
  assert.equal(r.stats?.hits, 2, r.stderr);
});

test("the same output in every tier, with and without the cache", () => {
  const { prog, cache } = setup("tiers");
  for (const mode of [["--no-jit"], ["--jit-threshold=0"], []]) {
    for (const c of [["--no-cache"], [], []]) {
      const r = kiln([...mode, ...c, "-I", path.join(dir, "tiers/lib"), prog], cache);
      assert.equal(r.stdout, OUT, `${mode.join(" ")} ${c.join(" ")}: ${r.stderr}`);
    }
  }
  const lit = write("tiers/lit.scm", `(define (g) '(1 2)) (define (s) "abc")
(display (list (guard (e (#t 'refused)) (set-car! (g) 3) 'allowed) (guard (e (#t 'refused)) (string-set! (s) 0 #\\z) 'allowed)))\n`);
  for (const c of [["--no-cache"], [], []]) assert.equal(kiln([...c, lit], cache).stdout, "(refused refused)", "literal constants stay immutable from cached code");
  const err = write("tiers/err.scm", "(define (f x) (car x))\n(f 5)\n");
  const a = kiln(["--no-cache", err], cache), b = kiln([err], cache), b2 = kiln([err], cache);
  const strip = (s: string): string => s.replace(/kiln: code cache .*\n/, "");
  assert.equal(strip(b.stderr), strip(a.stderr));
  assert.equal(strip(b2.stderr), strip(a.stderr), "errors and backtraces are the same from cached code");
  assert.equal(b2.stats?.hits, 1);
});
