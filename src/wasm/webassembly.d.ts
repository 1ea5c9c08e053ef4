// The part of the WebAssembly JS API that Kiln uses (the project compiles with lib ES2022,
// which does not declare it; Node 20 and browsers provide it at run time).
declare namespace WebAssembly {
  type ImportValue = Function | Global | Memory | number;
  type Imports = Record<string, Record<string, ImportValue>>;
  type Exports = Record<string, Function | Global | Memory>;
  class Module { constructor(bytes: BufferSource); }
  class Instance { constructor(module: Module, imports?: Imports); readonly exports: Exports; }
  interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
  class Memory { constructor(d: MemoryDescriptor); readonly buffer: ArrayBuffer | SharedArrayBuffer; grow(pages: number): number; }
  interface GlobalDescriptor { value: "i32" | "i64" | "f32" | "f64"; mutable?: boolean }
  class Global { constructor(d: GlobalDescriptor, v?: number | bigint); value: number | bigint; }
  class CompileError extends Error {}
  class LinkError extends Error {}
  class RuntimeError extends Error {}
  type BufferSource = ArrayBufferView | ArrayBuffer;
  function validate(bytes: BufferSource): boolean;
  function instantiate(bytes: BufferSource, imports?: Imports): Promise<{ module: Module; instance: Instance }>;
}
