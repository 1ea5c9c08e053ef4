// Wasm bytes -> readable text, for `kiln --disassemble=wasm`, --jit-debug and the tests: the
// sections we emit (types, imports, functions, memory, globals, exports, code, function names)
// in a WAT-like layout, one instruction a line, indented by block depth. Instructions are
// decoded through the same table the encoder uses (instructions.ts).

import { Reader } from "./leb128.js";
import { BY_CODE, InstrInfo, VALTYPE_OF_CODE, ValType } from "./instructions.js";

interface FuncType { params: ValType[]; results: ValType[] }

function valtype(b: number): string { return VALTYPE_OF_CODE.get(b) ?? `0x${b.toString(16)}`; }

function sig(t: FuncType | undefined): string {
  if (!t) return "(type ?)";
  const p = t.params.length ? ` (param ${t.params.join(" ")})` : "";
  const r = t.results.length ? ` (result ${t.results.join(" ")})` : "";
  return `(func${p}${r})`;
}

export function disassembleWasm(bytes: Uint8Array): string {
  const rd = new Reader(bytes);
  const magic = rd.take(4), version = rd.take(4);
  if (magic[0] !== 0 || magic[1] !== 0x61 || magic[2] !== 0x73 || magic[3] !== 0x6d) throw new Error("not a Wasm module");
  if (version[0] !== 1) throw new Error(`unsupported Wasm version ${version[0]}`);
  const types: FuncType[] = [];
  const funcTypes: number[] = [];  // type index of every function, imports first
  let importedFuncs = 0;
  const names = new Map<number, string>();
  const header: string[] = [];
  const codes: Uint8Array[] = [];
  while (!rd.done) {
    const id = rd.byte();
    const size = rd.u32();
    const s = new Reader(rd.take(size));
    switch (id) {
      case 1: for (let n = s.u32(), i = 0; i < n; i++) {
        if (s.byte() !== 0x60) throw new Error("bad function type");
        const params = Array.from({ length: s.u32() }, () => valtype(s.byte()) as ValType);
        const results = Array.from({ length: s.u32() }, () => valtype(s.byte()) as ValType);
        types.push({ params, results });
        header.push(`  (type ${i} ${sig({ params, results })})`);
      } break;
      case 2: for (let n = s.u32(), i = 0; i < n; i++) {
        const mod = s.name(), field = s.name(), kind = s.byte();
        let what: string;
        if (kind === 0) { const t = s.u32(); funcTypes.push(t); what = `(func ${importedFuncs++} (type ${t}))`; }
        else if (kind === 2) what = `(memory ${limits(s)})`;
        else if (kind === 3) { const t = valtype(s.byte()); what = `(global ${s.byte() ? `(mut ${t})` : t})`; }
        else throw new Error(`unsupported import kind ${kind}`);
        header.push(`  (import "${mod}" "${field}" ${what})`);
      } break;
      case 3: for (let n = s.u32(), i = 0; i < n; i++) funcTypes.push(s.u32()); break;
      case 5: for (let n = s.u32(), i = 0; i < n; i++) header.push(`  (memory ${limits(s)})`); break;
      case 6: for (let n = s.u32(), i = 0; i < n; i++) {
        const t = valtype(s.byte()), mut = s.byte();
        const init = instructions(s, types, names, true).trim().split("\n")[0].trim();
        header.push(`  (global ${i} ${mut ? `(mut ${t})` : t} (${init}))`);
      } break;
      case 7: for (let n = s.u32(), i = 0; i < n; i++) {
        const name = s.name(), kind = s.byte(), index = s.u32();
        header.push(`  (export "${name}" (${["func", "table", "memory", "global"][kind] ?? kind} ${index}))`);
      } break;
      case 10: for (let n = s.u32(), i = 0; i < n; i++) codes.push(s.take(s.u32())); break;
      case 0: {
        if (s.name() !== "name") break;
        while (!s.done) {
          const sub = s.byte(), len = s.u32(), body = new Reader(s.take(len));
          if (sub !== 1) continue;
          for (let m = body.u32(), j = 0; j < m; j++) { const idx = body.u32(); names.set(idx, body.name()); }
        }
      } break;
      default: header.push(`  (; section ${id}, ${size} bytes ;)`);
    }
  }
  const out = ["(module", ...header];
  codes.forEach((code, i) => {
    const index = importedFuncs + i;
    const t = types[funcTypes[index]];
    const nm = names.get(index);
    out.push(`  (func ${index}${nm ? ` $${nm}` : ""} ${sig(t).slice(6, -1).trim()}`.trimEnd());
    const c = new Reader(code);
    const decls: string[] = [];
    let nextLocal = t ? t.params.length : 0;
    for (let n = c.u32(), j = 0; j < n; j++) {
      const count = c.u32(), ty = valtype(c.byte());
      decls.push(count === 1 ? `${ty} ${nextLocal}` : `${count}x${ty} ${nextLocal}..${nextLocal + count - 1}`);
      nextLocal += count;
    }
    if (decls.length) out.push(`    (local ${decls.join(", ")})`);
    out.push(instructions(c, types, names, false));
    out.push("  )");
  });
  out.push(")");
  return out.join("\n");
}

function limits(s: Reader): string {
  const flags = s.byte(), min = s.u32();
  const max = flags & 1 ? ` ${s.u32()}` : "";
  return `${min}${max}${flags & 2 ? " shared" : ""}`;
}

/** Decode instructions until the `end` that closes the body (or an init expression). */
function instructions(s: Reader, types: FuncType[], names: Map<number, string>, initExpr: boolean): string {
  const lines: string[] = [];
  let depth = 0;
  for (;;) {
    let b = s.byte();
    let key = b;
    if (b === 0xfc || b === 0xfd) { const code = s.u32(); key = b * 65536 + code; }
    const info: InstrInfo | undefined = BY_CODE.get(key);
    if (!info) throw new Error(`unknown opcode 0x${key.toString(16)} at ${s.pos}`);
    if (info.name === "end" || info.name === "else") depth--;
    const imms = info.imms.map((k) => immText(s, k, types, names)).filter((x) => x !== "");
    const text = [info.name, ...imms].join(" ");
    if (!(info.name === "end" && depth < 0 && !initExpr)) lines.push("    " + "  ".repeat(Math.max(depth, 0)) + text);
    if (info.name === "end" && depth < 0) break;
    if (info.name === "block" || info.name === "loop" || info.name === "if" || info.name === "else") depth++;
    b = 0;
  }
  return lines.join("\n");
}

function immText(s: Reader, k: string, types: FuncType[], names: Map<number, string>): string {
  switch (k) {
    case "block": {
      const b = s.bytes[s.pos];
      if (b === 0x40) { s.pos++; return ""; }
      if (VALTYPE_OF_CODE.has(b)) { s.pos++; return `(result ${valtype(b)})`; }
      const t = Number(s.s64());
      return `(type ${t}) ${sig(types[t])}`;
    }
    case "labels": {
      const n = s.u32();
      const ls = Array.from({ length: n }, () => s.u32());
      return `${ls.join(" ")} ${s.u32()}`;
    }
    case "func": { const i = s.u32(); const n = names.get(i); return n ? `${i} ($${n})` : String(i); }
    case "memarg": { const align = s.u32(), offset = s.u32(); return `offset=${offset} align=${2 ** align}`; }
    case "zero": s.byte(); return "";
    case "i32": return String(s.s32());
    case "i64": return String(s.s64());
    case "f32": return fmtFloat(s.f32());
    case "f64": return fmtFloat(s.f64());
    case "lane": return String(s.byte());
    case "v128": return Array.from(s.take(16), (x) => x.toString(16).padStart(2, "0")).join("");
    default: return String(s.u32());
  }
}

function fmtFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return Object.is(x, -0) ? "-0" : String(x);
}
