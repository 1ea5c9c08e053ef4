// The package as a user gets it: `npm pack`, install the tarball into a fresh project (offline:
// Kiln has no runtime dependencies), then run `npx kiln`, import the API from an ESM script,
// and type-check a TypeScript file against the shipped declarations with `tsc --strict`.
// The tarball is packed from the built tree (--ignore-scripts: `npm test` has just built it).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, ExecFileSyncOptions } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "../harness/kiln-cli.js";

let work = "";
let project = "";
let tarball = "";
let packed: string[] = [];

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

function run(cmd: string, args: string[], cwd: string, extra: ExecFileSyncOptions = {}): string {
  return execFileSync(cmd, args, {
    cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000,
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" },
    ...extra,
  }) as string;
}

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "kiln-pack-"));
  const out = run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], repoRoot);
  const info = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info[0].filename);
  packed = info[0].files.map((f) => f.path);
  project = path.join(work, "app");
  run("mkdir", ["-p", project], work);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true, type: "module" }));
  run(npm, ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], project);
});

after(() => { if (work) rmSync(work, { recursive: true, force: true }); });

test("the tarball holds the built code, declarations, README, LICENSE and docs, and no tests", () => {
  assert.ok(packed.includes("dist/src/api/index.js"));
  assert.ok(packed.includes("dist/src/api/index.d.ts"));
  assert.ok(packed.includes("dist/src/cli/main.js"));
  assert.ok(packed.includes("bin/kiln.js"));
  assert.ok(packed.includes("README.md"));
  assert.ok(packed.includes("LICENSE"));
  assert.ok(packed.some((f) => f.startsWith("docs/")));
  assert.deepEqual(packed.filter((f) => /^(dist\/)?(test|bench)\//.test(f)), []);
});

test("npx kiln runs a program in the installed package", () => {
  writeFileSync(path.join(project, "hello.scm"), '(display (list "hello" (* 6 7)))\n(newline)\n');
  const out = run(npx, ["--no-install", "kiln", "hello.scm"], project);
  assert.equal(out, '(hello 42)\n');
});

test("an ESM script imports the embedding API by the package name", () => {
  writeFileSync(path.join(project, "use.mjs"), [
    'import { createKiln, createRuntime } from "kiln-scheme";',
    'import * as cli from "kiln-scheme/cli";',
    "const kiln = createKiln();",
    'const r = kiln.evaluate("(map (lambda (x) (* x x)) (list 1 2 3))");',
    "const rt = createRuntime();",
    'rt.define("double", (x) => x * 2);',
    'console.log(r.value, typeof cli.main, rt.evaluate("(double 21)"), await rt.evaluateAsync("(+ 1 2)"));',
  ].join("\n"));
  assert.equal(run(process.execPath, ["use.mjs"], project), "(1 4 9) function 42 3\n");
});

test("a TypeScript file type-checks against the shipped declarations with --strict", () => {
  writeFileSync(path.join(project, "use.ts"), [
    'import { createKiln, EvalResult, createRuntime, KilnRuntime, KilnError, EvaluateOptions } from "kiln-scheme";',
    "const kiln = createKiln();",
    'const r: EvalResult = kiln.evaluate("(+ 1 2)");',
    "const ok: boolean = r.ok;",
    "export const text: string = r.value + String(ok);",
    "const options: EvaluateOptions = { timeLimit: 100, stepLimit: 1000, signal: new AbortController().signal, file: 'x.scm' };",
    "const rt: KilnRuntime = createRuntime({ access: 'sandbox', jit: { threshold: 0 }, stdout: (t: string) => { void t; } });",
    "rt.define('inc', (x: number) => x + 1);",
    "rt.defineAsync('later', async (x: number) => x);",
    "export const value: unknown = rt.evaluate('(inc 1)', options);",
    "export const later: Promise<unknown> = rt.evaluateAsync('(later 1)');",
    "try { rt.evaluate('(car 1)'); } catch (e) { if (e instanceof KilnError) { const line: number | undefined = e.location?.line; void line; } }",
    "// The declarations are really used: this line must be an error (else TS2578, unused directive).",
    "// @ts-expect-error",
    'export const wrong: number = kiln.evaluate("1").value;',
  ].join("\n"));
  const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  assert.ok(existsSync(tsc), "typescript is a devDependency of the repository");
  const typeRoots = path.join(repoRoot, "node_modules", "@types");
  run(process.execPath, [tsc, "--strict", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext",
    "--target", "es2022", "--typeRoots", typeRoots, "--types", "node", "use.ts"], project);
  assert.ok(readdirSync(path.join(project, "node_modules", "kiln-scheme")).includes("LICENSE"));
});
