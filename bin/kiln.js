#!/usr/bin/env node
// The `kiln` command: runs the compiled CLI (npm install builds it into dist/).
import { launch } from "../dist/src/cli/launch.js";

const code = await launch(process.argv.slice(2));
// Exit at once: a read of standard input started for the program may still be pending.
if (code >= 0) process.exit(code);
