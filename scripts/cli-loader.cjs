// Fast start for the `kiln` command (copied into dist/cli/ by scripts/bundle-cli.mjs). Loads one
// of the CLI's two bundles (kiln-main.cjs: the launcher on the main thread; kiln-worker.cjs:
// the runtime worker), each a single CommonJS file made by esbuild, compiled through V8's code
// cache (<bundle>.v8, made at build time by running a small program with
// KILN_WRITE_CODE_CACHE=1) instead of resolving and compiling some eighty ES modules. `load`
// returns null, and the caller imports the ES modules, when the bundle is missing or older
// than the compiled modules (a `tsc` run after the build).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

exports.load = function load(name) {
  const file = path.join(__dirname, name + ".cjs");
  let source;
  try {
    if (fs.statSync(file).mtimeMs < fs.statSync(path.join(__dirname, "../src/cli/main.js")).mtimeMs) return null;
    source = fs.readFileSync(file, "utf8");
  } catch { return null; }
  const cacheFile = file + ".v8";
  let cachedData;
  try { cachedData = fs.readFileSync(cacheFile); } catch { /* no code cache: compile */ }
  const wrapped = "(function (exports, require, module, __filename, __dirname, __import) {" + source + "\n})";
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (process.env.KILN_WRITE_CODE_CACHE === "1") {
    // After the run, so the cache holds the functions it compiled too.
    process.once("exit", () => { fs.writeFileSync(cacheFile, script.createCachedData()); });
  }
  if (process.env.KILN_CODE_CACHE_DEBUG === "1") {
    process.stderr.write(`kiln: ${name}: V8 code cache ${cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "used"}\n`);
  }
  const mod = { exports: {} };
  // The bundle's import() of the ES modules it leaves out (scripts/bundle-cli.mjs).
  script.runInThisContext()(mod.exports, require, mod, file, __dirname, (url) => import(url));
  return mod.exports;
};
