#!/usr/bin/env node
// The `kiln` command as the package installs it (package.json "bin"): bin/kiln.js as CommonJS,
// so that start-up skips Node's ES module loader. It runs the launcher bundled into one file
// through V8's code cache (scripts/bundle-cli.mjs), or the ES modules when the build made no
// bundles.
"use strict";
const path = require("node:path");
const { pathToFileURL } = require("node:url");

function exit(code) {
  // Exit at once: a read of standard input started for the program may still be pending.
  if (code >= 0) process.exit(code);
}
let fast = null;
try { fast = require("../dist/cli/kiln-loader.cjs").load("kiln-main"); } catch { fast = null; }
if (fast !== null) {
  fast.launch(process.argv.slice(2), pathToFileURL(path.join(__dirname, "../dist/cli/kiln-worker-start.cjs"))).then(exit);
} else {
  import("../dist/src/cli/launch.js").then((m) => m.launch(process.argv.slice(2))).then(exit);
}
