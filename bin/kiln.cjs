#!/usr/bin/env node
// The `kiln` command (package.json "bin"). CommonJS, so that start-up skips Node's ES module
// loader: it runs the CLI bundled into one file through V8's code cache (scripts/cli-loader.cjs),
// or, when the build made no bundle, imports the compiled ES modules. bin/kiln.js is the same
// command as an ES module (the test harnesses run it).
"use strict";
function run(main) {
  const code = main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
}
let main = null;
try { main = require("../dist/kiln-cli-loader.cjs").load(); } catch { main = null; }
if (main !== null) run(main);
else import("../dist/src/cli/main.js").then((m) => run(m.main));
