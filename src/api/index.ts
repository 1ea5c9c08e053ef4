// The embedding API. `createKiln()` gives a runtime in a sandbox by default (no file or
// process access); pass a host to grant more. `evaluate` runs source text and returns the
// value of its last form written as Scheme text, plus anything the program printed.

import { Runtime } from "./runtime.js";
import { Host } from "../host/host.js";
import { sandboxHost } from "../host/sandbox.js";
import { writeString } from "../runtime/printer.js";
import { readAll } from "../reader/reader.js";
import { formatError } from "../cli/report.js";
import { ExitSignal } from "../vm/requests.js";

export { Runtime };

export interface EvalResult { ok: boolean; value: string; output: string; error: string }

export interface Kiln {
  readonly runtime: Runtime;
  evaluate(source: string, file?: string): EvalResult;
}

export function createKiln(host?: Host): Kiln {
  let out = "";
  const h: Host = host ?? sandboxHost();
  const runtime = new Runtime({ ...h, stdout: (t) => { out += t; h.stdout(t); } });
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
