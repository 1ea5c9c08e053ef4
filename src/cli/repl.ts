// The REPL: reads possibly multi-line input (a form is complete when the reader stops asking
// for more), evaluates it in one persistent top-level environment, prints results with
// `write`, and reports errors without leaving.

import { createInterface } from "node:readline";
import { Runtime } from "../api/runtime.js";
import { Host } from "../host/host.js";
import { readAll } from "../reader/reader.js";
import { ReadError } from "../reader/source-map.js";
import { formatError } from "./report.js";
import { formatValue } from "./main.js";
import { ExitSignal } from "../vm/requests.js";
import { UNSPECIFIED } from "../runtime/values.js";
import { flushStandardPorts } from "../lib/io.js";

/** Whether a read error only means the input stops early (so the REPL should read more). */
function incomplete(e: unknown): boolean {
  return e instanceof ReadError && /unterminated|expected .*(\)|datum)|end of (file|input)|missing/i.test(e.message);
}

export function startRepl(rt: Runtime, host: Host): void {
  const env = rt.newTopLevel("repl");
  rt.interaction = env;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY ?? false });
  let buffer = "";
  const prompt = (): void => { rl.setPrompt(buffer ? "  ... " : "kiln> "); rl.prompt(); };
  rl.on("line", (line) => {
    buffer += line + "\n";
    let forms;
    try {
      forms = readAll(buffer, "<repl>");
    } catch (e) {
      if (incomplete(e)) { prompt(); return; }
      host.stderr(formatError(e));
      buffer = "";
      prompt();
      return;
    }
    buffer = "";
    try {
      const v = rt.evalForms(forms, env);
      flushStandardPorts();
      if (v !== UNSPECIFIED && v !== undefined) host.stdout(formatValue(v) + "\n");
    } catch (e) {
      flushStandardPorts();
      if (e instanceof ExitSignal) process.exit(e.code);
      host.stderr(formatError(e));
    }
    prompt();
  });
  rl.on("close", () => { flushStandardPorts(); host.stdout("\n"); process.exit(0); });
  prompt();
}
