#!/usr/bin/env node
// The `kiln` command: runs the compiled CLI (npm install builds it into dist/). It starts from
// the one-file bundle through V8's code cache when the build made them (scripts/cli-loader.cjs),
// else from the ES modules.
import { createRequire } from "node:module";

let main = null;
try { main = createRequire(import.meta.url)("../dist/kiln-cli-loader.cjs").load(); } catch { main = null; }
if (main === null) ({ main } = await import("../dist/src/cli/main.js"));

const code = main(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
