// Running one program in one tier and recording what can be observed of it: everything it
// printed, the written value of its last expression, and the message of an uncaught error
// (message and irritants, as the CLI prints them, without position or backtrace).

import { Runtime } from "../../src/api/runtime.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { setStandardOutput, flushStandardPorts } from "../../src/lib/io.js";
import { writeString } from "../../src/runtime/printer.js";
import { describeRaised } from "../../src/cli/report.js";
import { SchemeError } from "../../src/runtime/errors.js";
import { UncaughtError, ExitSignal } from "../../src/vm/requests.js";
import { NIL } from "../../src/runtime/values.js";

export type Tier = "interpreter" | "jit";

export interface Outcome {
  /** Text written to the current output and error ports. */
  readonly output: string;
  /** `write` of the last expression's value, or null when the program raised. */
  readonly value: string | null;
  /** The uncaught error's message and irritants, or null. */
  readonly error: string | null;
  /** The error was not a Scheme condition (a JavaScript exception escaped the runtime). */
  readonly internal: boolean;
  /** Where the uncaught error was raised (innermost backtrace frame, `line:column`), or null. */
  readonly where: string | null;
}

/** The interpreter alone, or the JIT compiling a procedure once it has been called `threshold` times. */
export function jitOptions(tier: Tier, threshold = 0): { enabled: boolean; threshold: number; debug: boolean } {
  return tier === "jit"
    ? { enabled: true, threshold, debug: false }
    : { enabled: false, threshold: 0, debug: false };
}

/** A runtime for one tier, reused across programs; each program gets a fresh top level. */
export class TierRunner {
  readonly rt: Runtime;
  private readonly errors: string[];

  constructor(readonly tier: Tier, readonly threshold = 0) {
    const host = sandboxHost();
    this.errors = host.errors;
    this.rt = new Runtime(host, { jit: jitOptions(tier, threshold) });
  }

  run(text: string, file = "generated.scm"): Outcome {
    let output = "";
    setStandardOutput((t) => { output += t; }, (t) => { output += t; });
    // A previous program that ended with an uncaught error inside dynamic-wind or a handler
    // leaves them installed; a new program starts with none.
    this.rt.vm.handlers = NIL;
    this.rt.vm.winders = NIL;
    let value: string | null = null, error: string | null = null, internal = false, where: string | null = null;
    try {
      value = writeString(this.rt.runProgram(text, file), "write");
    } catch (e) {
      if (e instanceof UncaughtError) {
        error = describeRaised(e.payload);
        const top = e.backtrace[0];
        if (top) where = `${top.line}:${top.column}`;
      } else if (e instanceof SchemeError) error = describeRaised(e.payload);
      else if (e instanceof ExitSignal) error = `exit ${e.code}`;
      else { internal = true; error = `internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`; }
    } finally {
      try { flushStandardPorts(); } catch { /* a closed port: nothing more to flush */ }
    }
    return { output, value, error, internal, where };
  }

  /** Lines the runtime wrote to the host's stderr (JIT logs), cleared. */
  takeLog(): string[] { return this.errors.splice(0); }
}

/** A report of two outcomes that differ, for the failure message. */
export function describeMismatch(text: string, a: Outcome, b: Outcome, threshold = 0): string {
  const show = (o: Outcome): string =>
    `  output: ${JSON.stringify(o.output)}\n  value:  ${o.value ?? "-"}\n  error:  ${o.error ?? "-"}` +
    (o.error !== null ? `\n  raised at: ${o.where ?? "(no location)"}` : "");
  return `tiers disagree on:\n${text}\ninterpreter:\n${show(a)}\njit (threshold ${threshold}):\n${show(b)}`;
}

/** Equal output, value and error message; with `locations`, also where the error was raised. */
export function sameOutcome(a: Outcome, b: Outcome, locations = false): boolean {
  return a.output === b.output && a.value === b.value && a.error === b.error && a.internal === b.internal &&
    (!locations || a.where === b.where);
}
