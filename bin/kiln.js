#!/usr/bin/env node
// The `kiln` command: runs the compiled CLI (npm install builds it into dist/). It starts from
// the launcher bundled into one file, through V8's code cache (scripts/bundle-cli.mjs), and
// the runtime worker from its own bundle; from the ES modules when the build made no bundles.
import { createRequire } from "node:module";

let fast = null;
try { fast = createRequire(import.meta.url)("../dist/cli/kiln-loader.cjs").load("kiln-main"); } catch { fast = null; }
const code = fast !== null
  ? await fast.launch(process.argv.slice(2), new URL("../dist/cli/kiln-worker-start.cjs", import.meta.url))
  : await (await import("../dist/src/cli/launch.js")).launch(process.argv.slice(2));
// Exit at once: a read of standard input started for the program may still be pending.
if (code >= 0) process.exit(code);
