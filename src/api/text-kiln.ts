// The text-only embedding API behind `createKiln()` (src/api/index.ts) and the isolated
// worker (isolated-worker.ts): evaluate source, get back the written value, the output and
// the error message as strings. One top level whose definitions persist between evaluations.

import { Runtime, RuntimeOptions } from "./runtime.js";
import { Host } from "../host/host.js";
import { sandboxHost } from "../host/sandbox.js";
import { writeString } from "../runtime/printer.js";
import { readAll } from "../reader/reader.js";
import { formatError } from "../cli/report.js";
import { ExitSignal } from "../vm/requests.js";

export interface EvalResult { ok: boolean; value: string; output: string; error: string }

export interface Kiln {
  readonly runtime: Runtime;
  evaluate(source: string, file?: string): EvalResult;
}

export interface KilnLimits {
  /**
   * Heap in use (MB) past which an evaluation ends with "out of memory": a check between
   * steps in the runtime's own thread (docs/security.md); createIsolatedKiln's limit holds.
   */
  memoryLimitMb?: number;
}

/** A text evaluator over a runtime on `host` (default a sandbox) made with `options`. */
export function textKiln(host: Host | undefined, options: RuntimeOptions = {}): Kiln {
  let out = "";
  const h: Host = host ?? sandboxHost();
  const runtime = new Runtime({ ...h, stdout: (t) => { out += t; h.stdout(t); } }, options);
  const env = runtime.newTopLevel("embedded");
  return {
    runtime,
    evaluate(source, file = "<eval>") {
      out = "";
      runtime.ports.setStandardOutput((t) => { out += t; }, (t) => { out += t; });
      try {
        const v = runtime.evalForms(readAll(source, file), env);
        runtime.ports.flush();
        return { ok: true, value: writeString(v, "write"), output: out, error: "" };
      } catch (e) {
        runtime.ports.flush();
        if (e instanceof ExitSignal) return { ok: e.code === 0, value: "", output: out, error: `exit ${e.code}` };
        return { ok: false, value: "", output: out, error: formatError(e) };
      }
    },
  };
}
