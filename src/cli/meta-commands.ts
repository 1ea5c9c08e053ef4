// The REPL's meta-commands (`,help`, `,expand`, ...): one table, each entry with its argument
// synopsis and one line of help; `,help`, completion and docs/cli.md come from it. A command
// runs on the worker, inside the REPL session, with the rest of its line (and following lines
// while `datums` are open) as arguments; it returns an exit status to leave the REPL.

import type { ReplSession } from "./repl.js";
import { Value, MString, Pair, NIL, intern } from "../runtime/values.js";
import { Closure, Code } from "../bytecode/code.js";
import { disassemble } from "../bytecode/disassembler.js";
import { readAll } from "../reader/reader.js";
import { writeString } from "../runtime/printer.js";
import { formatBacktrace } from "./report.js";
import { expandToScheme } from "./expand-view.js";
import { schemeError } from "../runtime/errors.js";

export interface MetaArgs {
  /** The arguments as text. */
  readonly text: string;
  /** The arguments read as data. */
  datums(): Value[];
}

export interface MetaCommand {
  readonly name: string;
  /** Other names it answers to. */
  readonly aliases?: readonly string[];
  readonly args: string;
  readonly help: string;
  /** Whether the arguments are data (then the command waits for an open datum's end). */
  readonly datums: boolean;
  run(s: ReplSession, args: MetaArgs): number | void;
}

function one(args: MetaArgs, what: string): Value {
  const ds = args.datums();
  if (ds.length !== 1) schemeError(`expected ${what}`);
  return ds[0];
}

function evalIn(s: ReplSession, form: Value): Value {
  return s.rt.evalForms([form], s.env);
}

function showCode(s: ReplSession, args: MetaArgs): void {
  let ds = args.datums();
  const js = ds.length === 2 && ds[0] === intern("js");
  if (js) ds = ds.slice(1);
  if (ds.length !== 1) schemeError("expected an expression (a procedure), optionally after js");
  const v = evalIn(s, ds[0]);
  const code: Code | null = v instanceof Closure ? v.code : null;
  if (!code) schemeError("not a procedure compiled by Kiln:", v);
  const jsOf = js ? (c: Code) => s.rt.jit.sourceOf(c) : undefined;
  s.host.stdout(disassemble(code, [], new Set(), jsOf).join("\n") + "\n");
}

export const META_COMMANDS: readonly MetaCommand[] = [
  {
    name: "help", args: "[COMMAND]", help: "list the commands, or describe one", datums: false,
    run(s, args) {
      const only = args.text.replace(/^,/, "");
      const shown = only ? META_COMMANDS.filter((c) => c.name === only || c.aliases?.includes(only)) : META_COMMANDS;
      if (shown.length === 0) schemeError(`,help: no command ,${only}`);
      const rows = shown.map((c) => [`,${c.name}${c.args ? " " + c.args : ""}`, c.help + (c.aliases ? ` (also ,${c.aliases.join(" ,")})` : "")]);
      const width = Math.max(...rows.map(([a]) => a.length)) + 2;
      s.host.stdout(rows.map(([a, h]) => "  " + a.padEnd(width) + h).join("\n") + "\n");
      if (!only) s.host.stdout("Ctrl-C interrupts a running evaluation; Ctrl-D (end of input) leaves.\n");
    },
  },
  {
    name: "expand", args: "EXPR", help: "show EXPR after macro expansion, as core Scheme", datums: true,
    run(s, args) {
      const scratch = s.rt.newTopLevel("expand");
      scratch.fallback = s.env;  // sees the REPL's definitions and macros, defines nothing there
      s.host.stdout(expandToScheme(s.rt, args.datums(), scratch));
    },
  },
  {
    name: "disassemble", aliases: ["x"], args: "[js] EXPR", help: "show the bytecode (js: and the JIT's JavaScript) of the procedure EXPR evaluates to", datums: true,
    run(s, args) { showCode(s, args); },
  },
  {
    name: "time", args: "EXPR", help: "evaluate EXPR and report the time it took", datums: true,
    run(s, args) {
      const expr = one(args, "an expression");
      const compiled = s.rt.jit.stats.compiled;
      const t0 = performance.now();
      const v = evalIn(s, expr);
      const ms = performance.now() - t0;
      s.printValue(v);
      const jitted = s.rt.jit.stats.compiled - compiled;
      s.note(`; ${(ms / 1000).toFixed(6)} s real time${jitted ? `, ${jitted} procedure${jitted === 1 ? "" : "s"} compiled to JavaScript` : ""}`);
    },
  },
  {
    name: "jit", args: "[on | off | threshold N]", help: "show the JIT's statistics, turn it on or off, or set its threshold", datums: true,
    run(s, args) {
      const [what, n] = args.datums();
      const jit = s.rt.jit;
      const sync = (): void => { s.rt.vm.jitThreshold = jit.threshold; };
      if (what === intern("on") || what === intern("off")) { jit.options.enabled = what === intern("on"); sync(); }
      else if (what === intern("threshold")) {
        if (typeof n !== "number" || !Number.isInteger(n) || n < 0) schemeError(",jit threshold: expected an exact nonnegative integer", n ?? NIL);
        jit.options.threshold = n; sync();
      } else if (what !== undefined) schemeError(",jit: expected on, off or threshold N", what);
      const st = jit.stats;
      s.host.stdout(`JIT ${jit.options.enabled ? "on" : "off"}, threshold ${jit.options.threshold}: ${st.compiled} compiled, ` +
        `${st.failed} failed, ${st.compileMs.toFixed(1)} ms compiling, ${st.deopts} deoptimizations, ${st.reifications} reifications\n`);
    },
  },
  {
    name: "bt", aliases: ["backtrace"], args: "", help: "the backtrace of the last error or interrupt", datums: false,
    run(s) {
      if (s.lastBacktrace.length === 0) { s.note("no backtrace (the last evaluation ended without an error)"); return; }
      s.host.stdout(["Backtrace (innermost first):", ...formatBacktrace(s.lastBacktrace)].join("\n") + "\n");
    },
  },
  {
    name: "load", args: "FILE", help: "load a Scheme file into the REPL's environment", datums: false,
    run(s, args) {
      const file = args.text.replace(/^"(.*)"$/, "$1");
      if (!file) schemeError(",load: expected a file name");
      const text = s.host.readFile?.(file) ?? null;
      if (text === null) schemeError(",load: cannot read file", new MString(file));
      s.rt.evalForms(readAll(text, file), s.env);
    },
  },
  {
    name: "import", args: "IMPORT-SET...", help: "import libraries, as (import IMPORT-SET...) does", datums: true,
    run(s, args) { evalIn(s, new Pair(intern("import"), args.datums().reduceRight<Value>((t, x) => new Pair(x, t), NIL))); },
  },
  {
    name: "env", args: "", help: "list the names defined at this REPL", datums: false,
    run(s) {
      const names = s.boundNames(true);
      s.host.stdout(names.length ? names.join(" ") + "\n" : "");
      if (!names.length) s.note("(nothing defined yet)");
    },
  },
  {
    name: "apropos", aliases: ["a"], args: "TEXT", help: "list the bound names that contain TEXT", datums: false,
    run(s, args) {
      const found = s.boundNames().filter((n) => n.includes(args.text));
      s.host.stdout(found.length ? found.join(" ") + "\n" : "");
      if (!found.length) s.note(`(no name contains ${writeString(new MString(args.text), "write")})`);
    },
  },
  {
    name: "quit", aliases: ["q", "exit"], args: "[STATUS]", help: "leave the REPL", datums: true,
    run(s, args) {
      const [code] = args.datums();
      return typeof code === "number" && Number.isInteger(code) ? code & 0xff : 0;
    },
  },
];

export function findMetaCommand(name: string): MetaCommand | undefined {
  return META_COMMANDS.find((c) => c.name === name || c.aliases?.includes(name))
    ?? (name.length > 0 ? uniquePrefix(name) : undefined);
}

function uniquePrefix(name: string): MetaCommand | undefined {
  const found = META_COMMANDS.filter((c) => c.name.startsWith(name));
  return found.length === 1 ? found[0] : undefined;
}
