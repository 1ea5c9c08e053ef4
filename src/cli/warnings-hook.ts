// Compile-time warnings in the CLI: every unit the runtime expands (the program, REPL input,
// `load`, `eval`, user libraries) is checked by src/compiler/warnings.ts and its warnings
// are printed on standard error as `file:line:col: warning: message`. Kiln's own libraries
// (positions in "kiln:" files) are not checked. A unit that warns is not put in the code cache
// (so its warnings show on every run), and the enabled warnings are part of the cache's keys.

import { Runtime } from "../api/runtime.js";
import { Host } from "../host/host.js";
import { findWarnings } from "../compiler/warnings.js";
import { WarningName } from "../compiler/warning-names.js";
import { flushStandardPorts } from "../lib/io.js";

export function installWarnings(rt: Runtime, enabled: Readonly<Record<WarningName, boolean>>, host: Host): void {
  if (!Object.values(enabled).some((on) => on)) return;
  rt.codeCache.variant = JSON.stringify(Object.entries(enabled).filter(([, on]) => on).map(([name]) => name));
  rt.onExpanded = (body) => {
    let warnings;
    try { warnings = findWarnings(body, enabled); } catch { return; }  // never stops a program
    const lines = warnings
      .filter((w) => !w.pos?.file.startsWith("kiln:"))
      .map((w) => `${w.pos ? `${w.pos.file}:${w.pos.line}:${w.pos.column}: ` : ""}warning: ${w.message}\n`);
    if (lines.length === 0) return;
    rt.codeCache.recorder.refuseInnermost("it has compile-time warnings");
    flushStandardPorts();
    host.stderr(lines.join(""));
  };
}
