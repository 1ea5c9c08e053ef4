// The library system (R7RS 5.2, 5.6): standard libraries, built-in (embedded) libraries in a
// sandbox, import in the REPL and the embedding API, loading once per runtime, define-library
// redefinition, and, through the CLI, the search path (-I, -A, KILN_LIBRARY_PATH, the
// program's directory) and error positions. Scheme-level tests: test/scheme/libraries/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Runtime } from "../../src/api/runtime.js";
import { createKiln } from "../../src/api/index.js";
import { Host } from "../../src/host/host.js";
import { readAll } from "../../src/reader/reader.js";
import { writeString } from "../../src/runtime/printer.js";
import { SyntaxError } from "../../src/expander/errors.js";
import { UncaughtError } from "../../src/vm/requests.js";
import { missingStandardExports, STANDARD_LIBRARY_EXPORTS } from "../../src/expander/standard-libraries.js";
import { libraryKey } from "../../src/expander/libraries.js";
import { LIBRARY_FILES } from "../../src/lib/generated/prelude.js";

const quiet: Host = {
  stdout: () => {}, stderr: () => {}, monotonicMs: () => 0, wallSeconds: () => 0, commandLine: () => [],
};
const evalIn = (rt: Runtime, src: string, env = rt.newTopLevel()): string =>
  writeString(rt.evalForms(readAll(src, "t.scm"), env), "write");

test("standard library exports the core lacks (information, not a failure)", (t) => {
  const rt = new Runtime(quiet);
  const missing = missingStandardExports(rt.core);
  const lines = Object.entries(missing).map(([lib, names]) => `(${lib}): ${names.join(" ")}`);
  t.diagnostic(lines.length ? `missing from the core:\n${lines.join("\n")}` : "every standard export is bound");
  // The lists themselves are Appendix A's.
  assert.equal(STANDARD_LIBRARY_EXPORTS["scheme base"].length, 238);
  assert.equal(STANDARD_LIBRARY_EXPORTS["scheme cxr"].length, 24);
  assert.equal(STANDARD_LIBRARY_EXPORTS["scheme r5rs"].length, 222);
  assert.ok(!missing["scheme base"]?.includes("car"));
});

test("library names", () => {
  assert.equal(libraryKey(readAll("(srfi 1)", "t")[0]), "srfi 1");
  assert.equal(libraryKey(readAll("(foo bar 2)", "t")[0]), "foo bar 2");
  assert.equal(libraryKey(readAll("(foo \"bar\")", "t")[0]), null);
  assert.equal(libraryKey(readAll("(foo -1)", "t")[0]), null);
  assert.equal(libraryKey(readAll("()", "t")[0]), null);
});

test("every standard library imports, and standard bindings are the core's", () => {
  const rt = new Runtime(quiet);
  const all = Object.keys(STANDARD_LIBRARY_EXPORTS).map((k) => `(${k})`).join(" ");
  const env = rt.newTopLevel();
  evalIn(rt, `(import ${all})`, env);
  assert.equal(evalIn(rt, "(import (rename (scheme base) (car kar))) (eq? kar car)", env), "#t");
  assert.equal(evalIn(rt, "(import (prefix (scheme cxr) x:)) (x:caddr '(1 2 3))", env), "3");
});

test("import in the embedding API and the REPL-like top level, with every set kind", () => {
  const k = createKiln();
  const r = k.evaluate("(import (prefix (only (scheme base) car cdr) b:) (rename (scheme char) (char-upcase up))) (list (b:car '(1)) (up #\\a))");
  assert.equal(r.error, "");
  assert.equal(r.value, "(1 #\\A)");
  assert.equal(k.evaluate("(b:cdr '(1 2))").value, "(2)");
  const bad = k.evaluate("(import (except (scheme base) no-such-name))");
  assert.equal(bad.ok, false);
  assert.match(bad.error, /no-such-name, which \(scheme base\) does not export/);
});

test("in a sandbox, unknown libraries name only the built-ins as searched", () => {
  const r = createKiln().evaluate("(import (no such lib))", "prog.scm");
  assert.equal(r.ok, false);
  assert.match(r.error, /^prog\.scm:1:9: import: unknown library \(no such lib\); searched the built-in libraries\n/);
});

test("built-in libraries come from the embedded files, includes too (no file access)", () => {
  const files = LIBRARY_FILES as Record<string, string>;
  files["kiln-unit/embedded.sld"] =
    "(define-library (kiln-unit embedded) (export e1 e2) (import (scheme base)) (include \"embedded-body.scm\")" +
    " (begin (define e2 (list 'two e1))))";
  files["kiln-unit/embedded-body.scm"] = "(define e1 'one)";
  try {
    const k = createKiln();
    const r = k.evaluate("(import (kiln-unit embedded)) e2");
    assert.equal(r.error, "");
    assert.equal(r.value, "(two one)");
    assert.equal(k.evaluate("(cond-expand ((library (kiln-unit embedded)) 'found) (else 'missing))").value, "found");
  } finally {
    delete files["kiln-unit/embedded.sld"];
    delete files["kiln-unit/embedded-body.scm"];
  }
});

test("every shipped built-in library loads in a sandbox", () => {
  const sld = Object.keys(LIBRARY_FILES).filter((f) => f.endsWith(".sld") && !f.startsWith("kiln-unit/"));
  for (const file of sld) {
    const name = file.slice(0, -".sld".length).split("/").join(" ");
    const r = createKiln().evaluate(`(import (${name}))`);
    assert.equal(r.error, "", `(${name}) from ${file}`);
  }
});

test("define-library at the top level; a library's body runs once per runtime", () => {
  const rt = new Runtime(quiet);
  const env = rt.newTopLevel("repl");
  evalIn(rt, `(define-library (unit log) (export log! entries) (import (scheme base))
     (begin (define entries '()) (define (log! x) (set! entries (cons x entries)))))`, env);
  evalIn(rt, `(define-library (unit once) (export v bump!) (import (scheme base) (unit log))
     (begin (log! 'ran) (define v 1) (define (bump!) (set! v (+ v 1)))))`, env);
  assert.equal(evalIn(rt, "(import (unit once)) (import (prefix (unit once) o:)) (bump!) (list v o:v)", env), "(2 2)");
  assert.equal(evalIn(rt, "(import (unit log)) entries", env), "(ran)");
  assert.equal(evalIn(rt, "(import (only (unit once) v)) v", env), "2");
  // Redefining the library (as at a REPL) loads the new one at the next import.
  evalIn(rt, "(define-library (unit once) (export v) (import (scheme base)) (begin (define v 'new)))", env);
  assert.equal(evalIn(rt, "(import (unit once)) v", env), "new");
  // Another runtime has its own instance.
  const rt2 = new Runtime(quiet);
  assert.throws(() => evalIn(rt2, "(import (unit once))"), SyntaxError);
});

test("at a REPL, a name used before its import does not hide the import", () => {
  const rt = new Runtime(quiet);
  const env = rt.newTopLevel("repl");
  assert.throws(() => evalIn(rt, "kar", env), UncaughtError);
  assert.equal(evalIn(rt, "(import (rename (scheme base) (car kar))) (kar '(1))", env), "1");
  // A name the same input defines still shadows the import.
  assert.equal(evalIn(rt, "(import (only (scheme base) cdr)) (define (f) (cdr 1)) (define (cdr x) 'own) (f)", env), "own");
});

test("import is only a top-level form", () => {
  const rt = new Runtime(quiet);
  assert.throws(() => evalIn(rt, "(lambda () (import (scheme base)))"), /import: only allowed at the top level/);
});

// ---- through the CLI --------------------------------------------------------------------------

const mainUrl = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/cli/main.js")).href;
let dir = "";
before(() => { dir = mkdtempSync(path.join(tmpdir(), "kiln-libs-")); });
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

function write(rel: string, text: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** Run the CLI compiled next to this test (not bin/kiln.js, so any build directory works). */
function kiln(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const runner = `import { main } from ${JSON.stringify(mainUrl)}; const c = main(process.argv.slice(1)); if (c >= 0) process.exitCode = c;`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", runner, "--", ...args], {
    cwd: dir, encoding: "utf8", timeout: 60_000, env: { ...process.env, KILN_LIBRARY_PATH: "", KILN_CACHE_DIR: path.join(dir, ".kiln-cache"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lib = (name: string, value: string): string =>
  `(define-library (${name}) (export which) (import (scheme base)) (begin (define which '${value})))\n`;

test("search path: -I first, then the program's directory, KILN_LIBRARY_PATH, -A", () => {
  write("prog/app.scm", "(import (scheme base) (scheme write) (where which)) (display which)\n");
  write("prog/where/which.sld", lib("where which", "program-dir"));
  write("inc/where/which.sld", lib("where which", "dash-I"));
  write("app/where/which.sld", lib("where which", "dash-A"));
  write("envdir/where/which.sld", lib("where which", "env"));
  write("prog/only-elsewhere.scm", "(import (scheme base) (scheme write) (elsewhere lib)) (display which)\n");
  write("app/elsewhere/lib.sld", lib("elsewhere lib", "found-by-A"));
  write("envdir/elsewhere/lib.sld", lib("elsewhere lib", "found-by-env"));
  const app = path.join(dir, "prog/app.scm");
  assert.equal(kiln([app]).stdout, "program-dir");
  assert.equal(kiln(["-I", path.join(dir, "inc"), app]).stdout, "dash-I");
  assert.equal(kiln([`-I${path.join(dir, "inc")}`, app]).stdout, "dash-I");
  assert.equal(kiln(["-A", path.join(dir, "app"), app]).stdout, "program-dir");
  const elsewhere = path.join(dir, "prog/only-elsewhere.scm");
  assert.equal(kiln(["-A", path.join(dir, "app"), elsewhere]).stdout, "found-by-A");
  assert.equal(kiln(["-A", path.join(dir, "app"), elsewhere], { KILN_LIBRARY_PATH: `/nonexistent:${path.join(dir, "envdir")}` }).stdout, "found-by-env");
  const none = kiln([elsewhere]);
  assert.equal(none.status, 65);
  assert.match(none.stderr, /only-elsewhere\.scm:1:38: import: unknown library \(elsewhere lib\); searched the built-in libraries, .*elsewhere[/\\]lib\.sld/);
  // -e and the REPL search the current directory.
  assert.equal(kiln(["-I", path.join(dir, "inc"), "-e", "(import (where which)) which"]).stdout, "dash-I\n");
});

test("CLI errors name the file, line and column", () => {
  write("err/lib/broken.sld", "(define-library (lib broken)\n  (export x)\n  (import (scheme base))\n  (begin\n    (define x (vector-ref (vector) 1))))\n");
  write("err/lib/bad-syntax.sld", "(define-library (lib bad-syntax)\n  (export x)\n  (import (scheme base))\n  (begin\n    (define x (if))))\n");
  write("err/lib/bad-export.sld", "(define-library (lib bad-export)\n  (export x y)\n  (import (scheme base))\n  (begin (define x 1)))\n");
  write("err/lib/loop.sld", "(define-library (lib loop)\n  (export x)\n  (import (lib loop))\n  (begin (define x 1)))\n");
  const cases: [string, RegExp][] = [
    ["(import (scheme base))\n(import (lib broken))\n", /^p\.scm:2:9: library \(lib broken\) raised an error while loading at .*broken\.sld:5:15: vector-ref: index out of range for length \d+: 1\n/],
    ["(import (lib bad-syntax))\n", /^.*bad-syntax\.sld:5:15: if: expected /],
    ["(import (lib bad-export))\n", /^.*bad-export\.sld:2:3: define-library \(lib bad-export\): exports y, which it neither defines nor imports\n/],
    ["(import (lib loop))\n", /^.*loop\.sld:3:11: import: circular library imports: \(lib loop\) -> \(lib loop\)\n/],
    ["(import (scheme base)\n        (only (scheme char) char-upcase nope))\n", /^p\.scm:2:9: import: \(only \.\.\.\) names nope, which \(scheme char\) does not export/],
    ["(import (prefix (scheme base)))\n", /^p\.scm:1:9: import: expected \(prefix import-set prefix-identifier\)/],
  ];
  for (const [src, re] of cases) {
    write("err/p.scm", src);
    const r = kiln(["p.scm"].map((f) => path.join("err", f)));
    assert.equal(r.status, 65, `${src}\n${r.stderr}`);
    assert.match(r.stderr.replace(/^err[/\\]/, ""), re, src);
    assert.doesNotMatch(r.stderr, /\.js:|TypeError|at Object\./);
  }
});
