// The package root (`import ... from "kiln-scheme"`): the embedding API.
//
//   createRuntime(options)   a typed runtime: evaluate to JS values, call both ways, await
//                            promises, budgets (src/api/kiln.ts; docs/embedding.md)
//   createKiln(host?)        the first, text-only API: evaluate returns the written value and
//                            the output as strings (kept for existing users)
//
// `access: "node"` grants Node's files, environment, command line and modules (js-import);
// the default is a sandbox with none of them.

import { Runtime } from "./runtime.js";
import { Host } from "../host/host.js";
import { sandboxHost } from "../host/sandbox.js";
import { nodeHost } from "../host/node.js";
import { writeString } from "../runtime/printer.js";
import { readAll } from "../reader/reader.js";
import { formatError } from "../cli/report.js";
import { ExitSignal } from "../vm/requests.js";
import { KilnRuntime, KilnOptions } from "./kiln.js";
import { nodeJsOptions } from "../interop/node-modules.js";
import { nodeParallel } from "../parallel/node.js";
export { stopPools } from "../parallel/node.js";

export { Runtime };
export type { Host };
export { KilnRuntime } from "./kiln.js";
export type { KilnOptions, EvaluateOptions, DefineOptions, JitOptions } from "./kiln.js";
export { KilnError, KilnExit } from "../interop/errors.js";
export type { SchemeLocation, KilnErrorKind } from "../interop/errors.js";
export type { BacktraceEntry } from "../vm/requests.js";
export type { Depth, ToJSOptions, ToSchemeOptions } from "../interop/convert.js";
export { charOf, rationalToNumber } from "../interop/convert.js";
export type { JsOptions } from "../interop/interop.js";
export { sandboxHost } from "../host/sandbox.js";
export { Char, Ratnum } from "./values.js";

export interface CreateRuntimeOptions extends KilnOptions {
  /** "sandbox" (default): no files, environment or process. "node": Node's files, environment, command line and modules. */
  access?: "sandbox" | "node";
  /** With access "node": the command line `(command-line)` returns (default ["kiln"]). */
  commandLine?: string[];
  /**
   * With access "node": the number of worker threads of (kiln parallel) (default: KILN_WORKERS,
   * else the machine's cores). A sandbox has no pool: its futures run in the caller.
   */
  workers?: number;
}

/** A Scheme runtime for embedding: sandboxed unless `access: "node"` or a host is given. */
export function createRuntime(options: CreateRuntimeOptions = {}): KilnRuntime {
  if (options.access === "node") {
    const host = options.host ?? nodeHost(options.commandLine ?? ["kiln"]);
    return new KilnRuntime({ ...options, host, js: { ...nodeJsOptions(), ...options.js }, parallel: options.parallel ?? nodeParallel(options.workers) });
  }
  return new KilnRuntime(options);
}

export interface EvalResult { ok: boolean; value: string; output: string; error: string }

export interface Kiln {
  readonly runtime: Runtime;
  evaluate(source: string, file?: string): EvalResult;
}

export interface KilnLimits {
  /** Heap in use (MB) past which an evaluation ends with "out of memory" (docs/security.md). */
  memoryLimitMb?: number;
}

/** The text-only API: a sandboxed runtime (or one on `host`) whose results come back written. */
export function createKiln(host?: Host, limits: KilnLimits = {}): Kiln {
  let out = "";
  const h: Host = host ?? sandboxHost();
  const runtime = new Runtime({ ...h, stdout: (t) => { out += t; h.stdout(t); } }, { memoryLimitMb: limits.memoryLimitMb });
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
