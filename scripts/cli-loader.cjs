// Fast start for the `kiln` command (copied into dist/ by scripts/precompile.mjs). Loads
// dist/kiln-cli.cjs, the CLI bundled into one file, compiled through V8's code cache
// (dist/kiln-cli.cjs.v8, made at build time by running a small program), instead of resolving
// and compiling some sixty ES modules. Returns null, so bin/kiln.js imports the modules, when
// the bundle is missing or older than the compiled modules (a `tsc` run after the build).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");

exports.load = function load() {
  const file = path.join(__dirname, "kiln-cli.cjs");
  let source;
  try {
    if (fs.statSync(file).mtimeMs < fs.statSync(path.join(__dirname, "src/cli/main.js")).mtimeMs) return null;
    source = fs.readFileSync(file, "utf8");
  } catch { return null; }
  const cacheFile = file + ".v8";
  let cachedData;
  try { cachedData = fs.readFileSync(cacheFile); } catch { /* no code cache: compile */ }
  const wrapped = "(function (exports, require, module, __filename, __dirname) {" + source + "\n})";
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, __dirname);
  if (process.env.KILN_WRITE_CODE_CACHE === "1") {
    process.once("exit", () => { fs.writeFileSync(cacheFile, script.createCachedData()); });
  }
  return mod.exports.main;
};
