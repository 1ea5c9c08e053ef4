// Builds WebAssembly modules in memory, byte by byte (binary format, spec chapter 5): function
// types (deduplicated), imports, functions with their locals and bodies, one memory, globals,
// exports, and a "name" section so the disassembler can print function names. Instructions are
// written by name through the one table in instructions.ts, which also says how to encode
// their immediates. No external tool is involved; `WebAssembly.validate` checks the result in
// the tests.
//
// Index spaces follow the spec: imported functions (and globals) come before defined ones, so
// every import must be declared before the first function or global is defined.

import { writeS32, writeS64, writeU32 } from "./leb128.js";
import { BY_NAME, Imm, VALTYPE_CODE, ValType } from "./instructions.js";

export type BlockType = ValType | "void" | number;
export interface MemArg { align?: number; offset?: number }
export type ImmValue = number | bigint | BlockType | MemArg | readonly number[] | Uint8Array | undefined;

const SECTION = { custom: 0, type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, start: 8, element: 9, code: 10, data: 11 } as const;
const EXPORT_KIND = { func: 0, table: 1, memory: 2, global: 3 } as const;
export type ExportKind = keyof typeof EXPORT_KIND;

export interface MemoryLimits { min: number; max?: number; shared?: boolean }

/** The body of one function under construction: its locals and its instruction bytes. */
export class FunctionBuilder {
  readonly locals: ValType[] = [];
  readonly body: number[] = [];
  constructor(readonly index: number, readonly typeIndex: number, readonly params: readonly ValType[], readonly name: string) {}

  /** A new local of type `t`; its index follows the parameters and earlier locals. */
  local(t: ValType): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }

  /** Append one instruction by its table name, with its immediates in table order. */
  op(name: string, ...imms: ImmValue[]): this {
    const info = BY_NAME.get(name);
    if (!info) throw new Error(`unknown wasm instruction ${name}`);
    const out = this.body;
    if (info.prefix) { out.push(info.prefix); writeU32(out, info.code); } else out.push(info.code);
    if (imms.length !== info.imms.filter((k) => k !== "zero").length && !(info.imms[0] === "memarg" && imms.length === 0)) {
      throw new Error(`${name}: expected ${info.imms.length} immediates, got ${imms.length}`);
    }
    let i = 0;
    for (const kind of info.imms) {
      if (kind === "zero") { out.push(0); continue; }
      encodeImm(out, kind, imms[i++], info.align ?? 0);
    }
    return this;
  }
}

function encodeImm(out: number[], kind: Imm, v: ImmValue, naturalAlign: number): void {
  switch (kind) {
    case "block":
      if (v === "void") out.push(0x40);
      else if (typeof v === "string") out.push(VALTYPE_CODE[v as ValType]);
      else writeS64(out, BigInt(v as number));  // a type index, as a positive s33
      return;
    case "label": case "func": case "local": case "global": case "type": case "table":
      writeU32(out, v as number); return;
    case "labels": {
      const [targets, dflt] = v as unknown as [readonly number[], number];
      writeU32(out, targets.length);
      for (const t of targets) writeU32(out, t);
      writeU32(out, dflt);
      return;
    }
    case "memarg": {
      const m = (v ?? {}) as MemArg;
      writeU32(out, m.align ?? naturalAlign);
      writeU32(out, m.offset ?? 0);
      return;
    }
    case "i32": writeS32(out, v as number); return;
    case "i64": writeS64(out, typeof v === "bigint" ? v : BigInt(v as number)); return;
    case "f32": { const b = new Uint8Array(4); new DataView(b.buffer).setFloat32(0, v as number, true); out.push(...b); return; }
    case "f64": { const b = new Uint8Array(8); new DataView(b.buffer).setFloat64(0, v as number, true); out.push(...b); return; }
    case "lane": out.push(v as number); return;
    case "v128": {
      const b = v as readonly number[] | Uint8Array;
      if (b.length !== 16) throw new Error("v128.const needs 16 bytes");
      out.push(...b);
      return;
    }
    case "zero": out.push(0); return;
  }
}

interface FuncImport { module: string; field: string; typeIndex: number }
interface GlobalDef { type: ValType; mutable: boolean; init: number | bigint }

export class ModuleBuilder {
  private readonly types: string[] = [];
  private readonly typeSigs: { params: readonly ValType[]; results: readonly ValType[] }[] = [];
  private readonly funcImports: FuncImport[] = [];
  private readonly globalImports: { module: string; field: string; type: ValType; mutable: boolean }[] = [];
  private memoryImport: { module: string; field: string; limits: MemoryLimits } | null = null;
  private memoryDef: MemoryLimits | null = null;
  private readonly funcs: FunctionBuilder[] = [];
  private readonly globals: GlobalDef[] = [];
  private readonly exports: { name: string; kind: ExportKind; index: number }[] = [];
  private readonly names = new Map<number, string>();

  /** The index of the function type (params) -> (results), added once. */
  type(params: readonly ValType[], results: readonly ValType[]): number {
    const key = `${params.join(",")}->${results.join(",")}`;
    let i = this.types.indexOf(key);
    if (i < 0) { i = this.types.length; this.types.push(key); this.typeSigs.push({ params, results }); }
    return i;
  }

  importFunc(module: string, field: string, params: readonly ValType[], results: readonly ValType[]): number {
    if (this.funcs.length) throw new Error("imports must come before defined functions");
    this.funcImports.push({ module, field, typeIndex: this.type(params, results) });
    const index = this.funcImports.length - 1;
    this.names.set(index, field);
    return index;
  }

  importGlobal(module: string, field: string, type: ValType, mutable: boolean): number {
    if (this.globals.length) throw new Error("imports must come before defined globals");
    this.globalImports.push({ module, field, type, mutable });
    return this.globalImports.length - 1;
  }

  importMemory(module: string, field: string, limits: MemoryLimits): void {
    if (this.memoryImport || this.memoryDef) throw new Error("one memory per module");
    this.memoryImport = { module, field, limits };
  }

  memory(limits: MemoryLimits): void {
    if (this.memoryImport || this.memoryDef) throw new Error("one memory per module");
    this.memoryDef = limits;
  }

  global(type: ValType, mutable: boolean, init: number | bigint): number {
    this.globals.push({ type, mutable, init });
    return this.globalImports.length + this.globals.length - 1;
  }

  /** Declare a function (its index is usable at once, for calls before its body is written). */
  func(params: readonly ValType[], results: readonly ValType[], name = ""): FunctionBuilder {
    const f = new FunctionBuilder(this.funcImports.length + this.funcs.length, this.type(params, results), params, name);
    this.funcs.push(f);
    if (name) this.names.set(f.index, name);
    return f;
  }

  export(name: string, kind: ExportKind, index: number): void { this.exports.push({ name, kind, index }); }

  /** The module's bytes. */
  bytes(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, write: (b: number[]) => void): void => {
      const b: number[] = [];
      write(b);
      out.push(id);
      writeU32(out, b.length);
      for (const x of b) out.push(x);
    };
    const name = (b: number[], s: string): void => {
      const u = new TextEncoder().encode(s);
      writeU32(b, u.length);
      b.push(...u);
    };
    const limits = (b: number[], l: MemoryLimits): void => {
      const flags = (l.max !== undefined ? 1 : 0) | (l.shared ? 2 : 0);
      if (l.shared && l.max === undefined) throw new Error("a shared memory needs a maximum");
      b.push(flags);
      writeU32(b, l.min);
      if (l.max !== undefined) writeU32(b, l.max);
    };
    if (this.typeSigs.length) section(SECTION.type, (b) => {
      writeU32(b, this.typeSigs.length);
      for (const t of this.typeSigs) {
        b.push(0x60);
        writeU32(b, t.params.length); for (const p of t.params) b.push(VALTYPE_CODE[p]);
        writeU32(b, t.results.length); for (const r of t.results) b.push(VALTYPE_CODE[r]);
      }
    });
    const nImports = this.funcImports.length + this.globalImports.length + (this.memoryImport ? 1 : 0);
    if (nImports) section(SECTION.import, (b) => {
      writeU32(b, nImports);
      for (const f of this.funcImports) { name(b, f.module); name(b, f.field); b.push(0); writeU32(b, f.typeIndex); }
      if (this.memoryImport) { name(b, this.memoryImport.module); name(b, this.memoryImport.field); b.push(2); limits(b, this.memoryImport.limits); }
      for (const g of this.globalImports) { name(b, g.module); name(b, g.field); b.push(3, VALTYPE_CODE[g.type], g.mutable ? 1 : 0); }
    });
    if (this.funcs.length) section(SECTION.function, (b) => {
      writeU32(b, this.funcs.length);
      for (const f of this.funcs) writeU32(b, f.typeIndex);
    });
    if (this.memoryDef) section(SECTION.memory, (b) => { writeU32(b, 1); limits(b, this.memoryDef!); });
    if (this.globals.length) section(SECTION.global, (b) => {
      writeU32(b, this.globals.length);
      for (const g of this.globals) {
        b.push(VALTYPE_CODE[g.type], g.mutable ? 1 : 0);
        const f = new FunctionBuilder(0, 0, [], "");
        f.op(`${g.type}.const`, g.init).op("end");
        b.push(...f.body);
      }
    });
    if (this.exports.length) section(SECTION.export, (b) => {
      writeU32(b, this.exports.length);
      for (const e of this.exports) { name(b, e.name); b.push(EXPORT_KIND[e.kind]); writeU32(b, e.index); }
    });
    if (this.funcs.length) section(SECTION.code, (b) => {
      writeU32(b, this.funcs.length);
      for (const f of this.funcs) {
        const body: number[] = [];
        // Locals are declared in runs of one type.
        const runs: [number, ValType][] = [];
        for (const t of f.locals) {
          if (runs.length && runs[runs.length - 1][1] === t) runs[runs.length - 1][0]++;
          else runs.push([1, t]);
        }
        writeU32(body, runs.length);
        for (const [n, t] of runs) { writeU32(body, n); body.push(VALTYPE_CODE[t]); }
        for (const x of f.body) body.push(x);
        writeU32(b, body.length);
        for (const x of body) b.push(x);
      }
    });
    if (this.names.size) section(SECTION.custom, (b) => {
      name(b, "name");
      const sub: number[] = [];
      const entries = [...this.names].sort((x, y) => x[0] - y[0]);
      writeU32(sub, entries.length);
      for (const [i, n] of entries) { writeU32(sub, i); name(sub, n); }
      b.push(1);  // subsection 1: function names
      writeU32(b, sub.length);
      b.push(...sub);
    });
    return new Uint8Array(out);
  }
}
