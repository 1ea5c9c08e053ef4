#!/usr/bin/env node
// The `kiln` command: runs the compiled CLI (npm install builds it into dist/).
import { launch } from "../dist/src/cli/launch.js";

const code = await launch(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
