// Human-readable bytecode, derived from the opcode table: one line per instruction with its
// operands decoded by kind, the constant or register they name, and the source line.

import { Code } from "./code.js";
import { Op, OPCODES } from "./opcodes.js";
import { writeString } from "../runtime/printer.js";
import { Value } from "../runtime/values.js";

function describeConst(v: Value): string {
  if (v instanceof Code) return `#<code ${v.name || "lambda"}>`;
  if (v && typeof v === "object" && "name" in v && "inlined" in v) return `global ${String((v as { name: unknown }).name)}`;
  const s = writeString(v, "write");
  return s.length > 40 ? s.slice(0, 37) + "..." : s;
}

/** Bytecode of `code` and every procedure nested in it; with `jsOf`, each one's JIT output too. */
/** With `annotate`, each instruction gets that note too (the JIT's type feedback, jit/feedback.ts). */
export function disassemble(code: Code, out: string[] = [], seen = new Set<Code>(), jsOf?: (c: Code) => string,
  annotate?: (c: Code, pc: number) => string): string[] {
  if (seen.has(code)) return out;
  seen.add(code);
  const where = code.pos ? ` at ${code.pos.file}:${code.pos.line}:${code.pos.column}` : "";
  out.push(`procedure ${code.name || "#<lambda>"}${where}: ${code.nreq} required${code.rest ? " + rest" : ""}, ${code.frameSize} registers`);
  const ins = code.code;
  const inner: Code[] = [];
  let lastLine = "";
  for (let pc = 0; pc < ins.length;) {
    const info = OPCODES[ins[pc] as Op];
    const parts: string[] = [];
    let p = pc + 1;
    const notes: string[] = [];
    for (const kind of info.operands) {
      const w = ins[p++];
      switch (kind) {
        case "reg": parts.push(`r${w}`); if (code.regNames[w]) notes.push(`r${w}=${code.regNames[w]}`); break;
        case "const": {
          parts.push(`k${w}`);
          const c = code.consts[w];
          if (c instanceof Code) inner.push(c);
          notes.push(describeConst(c));
          break;
        }
        case "count": case "imm": parts.push(String(w)); break;
        case "label": parts.push(`@${w}`); break;
        case "free": parts.push(`free${w}`); break;
        case "captures": {
          const caps: string[] = [];
          for (let i = 0; i < w; i++) { const c = ins[p++]; caps.push(c & 1 ? `free${c >> 1}` : `r${c >> 1}`); }
          parts.push(`[${caps.join(" ")}]`);
          break;
        }
        case "regs": {
          const regs: string[] = [];
          for (let i = 0; i < w; i++) regs.push(`r${ins[p++]}`);
          parts.push(`[${regs.join(" ")}]`);
          break;
        }
      }
    }
    const pos = code.positionAt(pc);
    const line = pos ? `${pos.line}:${pos.column}` : "";
    const note = annotate?.(code, pc);
    if (note) notes.push(note);
    const src = line !== lastLine ? `  line ${line}` : "";
    lastLine = line;
    out.push(`  ${String(pc).padStart(4)}  ${info.name.padEnd(10)} ${parts.join(" ").padEnd(22)}${notes.length ? " ; " + notes.join(", ") : ""}${src}`);
    pc = p;
  }
  if (jsOf) {
    out.push("  -- generated JavaScript --");
    for (const line of jsOf(code).split("\n")) out.push("  | " + line);
  }
  out.push("");
  for (const c of inner) disassemble(c, out, seen, jsOf, annotate);
  return out;
}
