// Loops whose index stays in range: one test at entry instead of a guard per iteration.
//
// A looping spec with a fixnum parameter i (the index) that every self tail call passes as
// i + 1, only on the side of a test where i < n (or i != n: a `do` loop's (= i n) exit), with n
// invariant (a constant, a parameter passed unchanged, a free variable, a global's number, a
// vector's length). When at entry 0 <= i <= n <= 2^31, then at every iteration i <= n (i only
// grows by 1, and only while i < n), so:
//
//   - i + 1 is at most 2^31 + 1: the fixnum range guard of that addition cannot fail;
//   - where the test holds, 0 <= i < n: an access v[i] to an invariant vector whose length is
//     at least n cannot be out of range;
//   - an access v[k] with k invariant is in range when 0 <= k < length(v) at entry.
//
//   - fixnum + - * over i, constants and invariant fixnums (assumed within +-2^31, checked at
//     entry) whose interval stays in the fixnum range need no range guard either (the index
//     arithmetic of a matrix product: (+ (* i n) k)).
//
// So the function tests these conditions once at entry (after the SIMD pairs, simd.ts, if any)
// and runs a second copy of the loop (codegen-wasm.ts) without those guards; when the test
// fails the ordinary loop runs, with every guard. The copy differs only in guards that cannot
// fail, so it leaves Wasm (other guards, calls too deep, interrupts) with the same frames.
//
// The analysis is a forward pass over the spec's bytecode (jumps go forward), keeping for
// each register what it holds in terms of the loop's entry values (a parameter, i + 1, a
// constant, a free variable, a vector, a vector's length, a comparison), and whether the test
// on i holds on the path ("guarded"); the self tail calls then say which parameters are
// invariant, and every fact using another one is dropped.

import { Op, instructionLength } from "../bytecode/opcodes.js";
import { Cell } from "../expander/environment.js";
import { Spec } from "./analyze.js";
import { WasmPrim } from "./primitives.js";
import { Leaf, SimdHost, invariantValues, leafKey } from "./simd.js";
import { isVecKind, vectorKindOf } from "./vector-kinds.js";
import { vectorMemory } from "./vector-memory.js";

export interface InductionLoop {
  /** The register (a parameter) of the index. */
  readonly index: number;
  readonly bound: Leaf;
  /** Vectors indexed by i where the test holds: their length must be at least n. */
  readonly indexed: Map<string, Leaf>;
  /** Accesses at an invariant index: 0 <= index < length at entry. */
  readonly fixed: Map<string, { vec: Leaf; idx: Leaf }>;
  /** pcs of the vector accesses whose bounds check the entry test covers. */
  readonly bounds: Set<number>;
  /** pcs of the fixnum + - * whose range guard the entry test covers (i + 1; products of the index and invariants). */
  readonly ranges: Set<number>;
  /** Invariant fixnums assumed within +-2^31 by those proofs (checked at entry). */
  readonly assumed: Map<string, Leaf>;
}

type Tag =
  | { readonly t: "param"; readonly r: number }
  | { readonly t: "inc"; readonly r: number }
  | { readonly t: "leaf"; readonly leaf: Leaf }
  | { readonly t: "vec"; readonly leaf: Leaf }
  | { readonly t: "cmp"; readonly op: Op; readonly a: Tag | undefined; readonly b: Tag | undefined };

interface Flow { tags: (Tag | undefined)[]; guarded: boolean }

const key = (t: Tag | undefined): string =>
  t === undefined ? "?" : t.t === "param" || t.t === "inc" ? `${t.t}${t.r}` : t.t === "cmp" ? `c${t.op}(${key(t.a)},${key(t.b)})` : `${t.t}:${leafKey(t.leaf)}`;

/** A vector's length (below 2^31: the vector memory is 1 GB). */
const LENGTH = /^(%[a-z0-9]+vector-length|bytevector-length)$/;
/** The vector primitives whose second argument is an index with a bounds check. */
const ACCESS = /^(%[a-z0-9]+vector-(ref|set!)|bytevector-u8-(ref|set!))$/;

/** The induction loop of spec `s` with the fewest guards left, or null. */
export function inductionLoop(s: Spec): InductionLoop | null {
  if (s.loops.size === 0) return null;
  let best: InductionLoop | null = null;
  s.params.forEach((k, r) => {
    if (k !== "I") return;
    const l = analyze(s, r);
    if (l && (!best || l.bounds.size + l.ranges.size > best.bounds.size + best.ranges.size)) best = l;
  });
  return best;
}

function analyze(s: Spec, index: number): InductionLoop | null {
  const ins = s.code.code, k = s.code.consts;
  const flows: (Flow | undefined)[] = new Array(ins.length);
  flows[0] = { tags: Array.from({ length: s.code.frameSize }, (_, r): Tag | undefined => (r < s.params.length ? paramTag(s, r) : undefined)), guarded: false };
  let bound: Tag | undefined;
  const tails: { args: (Tag | undefined)[]; guarded: boolean }[] = [];
  const boundsSites: { pc: number; vec: Leaf }[] = [];
  const fixedSites: { pc: number; vec: Leaf; idx: Tag }[] = [];
  const incs = new Set<number>();
  /** Per JF/JT: the edge where the test on i holds (true: taken when the register is true). */
  const bodyEdge = new Map<number, boolean>();
  const flow = (pc: number, f: Flow): void => {
    const old = flows[pc];
    flows[pc] = old ? { tags: old.tags.map((t, r) => (key(t) === key(f.tags[r]) ? t : undefined)), guarded: old.guarded && f.guarded } : { tags: [...f.tags], guarded: f.guarded };
  };

  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const f0 = flows[pc];
    if (!f0 || !s.states[pc]) continue;
    const f: Flow = { tags: [...f0.tags], guarded: f0.guarded };
    const op = ins[pc] as Op, A = ins[pc + 1], B = ins[pc + 2], C = ins[pc + 3];
    const next = pc + instructionLength(ins, pc);
    let falls = true;
    switch (op) {
      case Op.MOV: f.tags[A] = f.tags[B]; break;
      case Op.CONST: f.tags[A] = fixnum(k[B]); break;
      case Op.GREF: {
        const v = (k[B] as Cell).value;
        f.tags[A] = vectorKindOf(v) && vectorMemory()?.holds(v) ? { t: "vec", leaf: { t: "kvec", v: v as Float64Array } } : fixnum(v);
        break;
      }
      case Op.FREE: {
        const t = s.states[next]?.[A];
        f.tags[A] = t === "I" ? { t: "leaf", leaf: { t: "free", i: B, k: t } }
          : typeof t === "string" && isVecKind(t) ? { t: "vec", leaf: { t: "free", i: B, k: t } } : undefined;
        break;
      }
      case Op.ADD: {
        const a = f.tags[B], b = f.tags[C];
        const one = (x: Tag | undefined): boolean => x?.t === "leaf" && x.leaf.t === "num" && x.leaf.v === 1;
        const i = (x: Tag | undefined): boolean => x?.t === "param" && x.r === index;
        if ((i(a) && one(b)) || (i(b) && one(a))) { f.tags[A] = { t: "inc", r: index }; incs.add(pc); } else f.tags[A] = undefined;
        break;
      }
      case Op.NUMEQ: case Op.LT: case Op.GT: f.tags[A] = { t: "cmp", op, a: f.tags[B], b: f.tags[C] }; break;
      case Op.JMP: flow(A, f); falls = false; break;
      case Op.JF: case Op.JT: {
        // Which edge has i < n: the true edge of i < n or n > i, the false edge of i = n.
        const t = f.tags[A];
        let trueHolds: boolean | null = null;
        if (t?.t === "cmp") {
          const isI = (x: Tag | undefined): boolean => x?.t === "param" && x.r === index;
          const inv = (x: Tag | undefined): boolean => x?.t === "leaf" || (x?.t === "param" && x.r !== index && s.params[x.r] === "I");
          let n: Tag | undefined;
          if (t.op === Op.LT && isI(t.a) && inv(t.b)) { trueHolds = true; n = t.b; }
          else if (t.op === Op.GT && isI(t.b) && inv(t.a)) { trueHolds = true; n = t.a; }
          else if (t.op === Op.NUMEQ && isI(t.a) && inv(t.b)) { trueHolds = false; n = t.b; }
          else if (t.op === Op.NUMEQ && isI(t.b) && inv(t.a)) { trueHolds = false; n = t.a; }
          if (n && bound === undefined) bound = n;
          if (n && key(n) !== key(bound)) trueHolds = null;
        }
        if (trueHolds !== null) bodyEdge.set(pc, trueHolds);
        const edge = (whenTrue: boolean): Flow => ({ tags: f.tags, guarded: f.guarded || (trueHolds !== null && trueHolds === whenTrue) });
        // JF jumps when false, JT when true.
        flow(B, edge(op === Op.JT));
        f.guarded = edge(op === Op.JF).guarded;
        break;
      }
      case Op.CALL: {
        const p = s.calls.get(pc);
        if (p && "emit" in p && ACCESS.test((p as WasmPrim).name)) {
          const v = f.tags[A + 5], i = f.tags[A + 6];
          if (v?.t === "vec") {
            if (i?.t === "param" && i.r === index && f.guarded) boundsSites.push({ pc, vec: v.leaf });
            else if (i?.t === "leaf" || (i?.t === "param" && i.r !== index)) fixedSites.push({ pc, vec: v.leaf, idx: i });
          }
        }
        // The callee's frame starts above A: those registers are its own.
        const v = f.tags[A + 5];
        for (let r = A; r < f.tags.length; r++) f.tags[r] = undefined;
        if (p && "emit" in p && LENGTH.test((p as WasmPrim).name) && v?.t === "vec") f.tags[A] = { t: "leaf", leaf: { t: "len", vec: v.leaf } };
        break;
      }
      case Op.TAILCALL:
        if (s.loops.has(pc)) tails.push({ args: Array.from({ length: B }, (_, j) => f.tags[A + 5 + j]), guarded: f.guarded });
        falls = false;
        break;
      case Op.RET: falls = false; break;
      case Op.SETFREE: break;
      default: f.tags[A] = undefined;
    }
    if (falls && next < ins.length) flow(next, f);
  }

  // Every self tail call passes i + 1 where the test holds; the parameters passed unchanged are invariant.
  const n = bound && asLeaf(bound);
  if (!n || tails.length === 0) return null;
  if (!tails.every((t) => t.guarded && t.args[index]?.t === "inc")) return null;
  const invariant = new Set<number>();
  s.params.forEach((_, r) => { if (r !== index && tails.every((t) => key(t.args[r]) === key(paramTag(s, r)))) invariant.add(r); });
  const ok = (l: Leaf): boolean => (l.t === "param" ? invariant.has(l.r) : l.t === "len" ? ok(l.vec) : true);
  if (!ok(n)) return null;
  const indexed = new Map<string, Leaf>(), fixed = new Map<string, { vec: Leaf; idx: Leaf }>(), bounds = new Set<number>();
  for (const b of boundsSites) {
    if (!ok(b.vec)) continue;
    indexed.set(leafKey(b.vec), b.vec);
    bounds.add(b.pc);
  }
  for (const x of fixedSites) {
    const idx = asLeaf(x.idx);
    if (!idx || !ok(idx) || !ok(x.vec)) continue;
    fixed.set(`${leafKey(x.vec)}@${leafKey(idx)}`, { vec: x.vec, idx });
    bounds.add(x.pc);
  }
  const nHi = n.t === "num" ? n.v : 2 ** 31;
  const { ranges, assumed, products } = rangeProofs(s, index, nHi, invariant, bodyEdge);
  for (const pc of incs) ranges.add(pc);
  // Worth a second copy of the loop only for the product guards (two conversions, a multiply
  // and a compare each): without one, removing bounds checks and i + 1 guards measured no
  // faster (nbody-f64, checksum; docs/wasm.md).
  if (products === 0) return null;
  return { index, bound: n, indexed, fixed, bounds, ranges, assumed };

  function asLeaf(t: Tag): Leaf | null {
    return t.t === "leaf" || t.t === "vec" ? t.leaf : t.t === "param" && s.params[t.r] === "I" ? { t: "param", r: t.r, k: "I" } : null;
  }
}

/** Bound of the invariant fixnums the range proofs assume (checked at entry). */
const ASSUMED = 2 ** 31;
const MAX_FIXNUM = 2 ** 53 - 1;

interface Range { lo: number; hi: number; deps: string[] }

/**
 * Intervals of the fixnum registers in the loop copy: the index in [0, n] (below n where the
 * test holds), invariant parameters and free variables assumed within +-2^31, constants; the
 * fixnum + - * whose result interval is within the fixnum range need no guard. (Doubles are
 * exact below 2^53, and rounding is monotonic, so a bound past the range is never rounded into
 * it.)
 */
function rangeProofs(s: Spec, index: number, nHi: number, invariant: Set<number>, bodyEdge: Map<number, boolean>):
    { ranges: Set<number>; assumed: Map<string, Leaf>; products: number } {
  const ins = s.code.code, k = s.code.consts;
  interface RFlow { iv: (Range | undefined)[]; idx: boolean[] }
  const flows: (RFlow | undefined)[] = new Array(ins.length);
  const init: RFlow = { iv: new Array(s.code.frameSize).fill(undefined), idx: new Array(s.code.frameSize).fill(false) };
  s.params.forEach((kind, r) => {
    if (r === index) { init.iv[r] = { lo: 0, hi: nHi, deps: [] }; init.idx[r] = true; }
    else if (kind === "I" && invariant.has(r)) init.iv[r] = { lo: -ASSUMED, hi: ASSUMED, deps: [`p${r}`] };
  });
  flows[0] = init;
  const ranges = new Set<number>(), used = new Set<string>();
  let products = 0;
  const flow = (pc: number, f: RFlow): void => {
    const old = flows[pc];
    flows[pc] = old ? {
      iv: old.iv.map((a, r) => { const b = f.iv[r]; return a && b ? { lo: Math.min(a.lo, b.lo), hi: Math.max(a.hi, b.hi), deps: [...new Set([...a.deps, ...b.deps])] } : undefined; }),
      idx: old.idx.map((a, r) => a && f.idx[r]),
    } : { iv: [...f.iv], idx: [...f.idx] };
  };
  for (let pc = 0; pc < ins.length; pc += instructionLength(ins, pc)) {
    const f0 = flows[pc], st = s.states[pc];
    if (!f0 || !st) continue;
    const f: RFlow = { iv: [...f0.iv], idx: [...f0.idx] };
    const op = ins[pc] as Op, A = ins[pc + 1], B = ins[pc + 2], C = ins[pc + 3];
    const next = pc + instructionLength(ins, pc);
    let falls = true;
    const set = (r: number, v: Range | undefined): void => { f.iv[r] = v; f.idx[r] = false; };
    switch (op) {
      case Op.MOV: f.iv[A] = f.iv[B]; f.idx[A] = f.idx[B]; break;
      case Op.CONST: case Op.GREF: {
        const v = op === Op.CONST ? k[B] : (k[B] as Cell).value;
        set(A, typeof v === "number" && Number.isInteger(v) ? { lo: v, hi: v, deps: [] } : undefined);
        break;
      }
      case Op.FREE: set(A, s.states[next]?.[A] === "I" ? { lo: -ASSUMED, hi: ASSUMED, deps: [`f${B}`] } : undefined); break;
      case Op.ADD: case Op.SUB: case Op.MUL: {
        const a = f.iv[B], b = f.iv[C];
        if (!a || !b || st[B] !== "I" || st[C] !== "I") { set(A, undefined); break; }
        const c = op === Op.ADD ? [a.lo + b.lo, a.hi + b.hi] : op === Op.SUB ? [a.lo - b.hi, a.hi - b.lo]
          : [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
        const lo = Math.min(...c), hi = Math.max(...c);
        if (lo >= -MAX_FIXNUM && hi <= MAX_FIXNUM) {
          ranges.add(pc);
          if (op === Op.MUL) products++;
          for (const d of [...a.deps, ...b.deps]) used.add(d);
          set(A, { lo, hi, deps: [...new Set([...a.deps, ...b.deps])] });
        } else set(A, undefined);
        break;
      }
      case Op.JMP: flow(A, f); falls = false; break;
      case Op.JF: case Op.JT: {
        const holds = bodyEdge.get(pc);
        // On the edge where i < n: the registers holding i are below n.
        const narrowed = (): RFlow => ({
          iv: f.iv.map((v, r) => (f.idx[r] && v ? { lo: v.lo, hi: Math.min(v.hi, nHi - 1), deps: v.deps } : v)), idx: f.idx,
        });
        const taken = holds !== undefined && holds === (op === Op.JT);
        const fall = holds !== undefined && holds === (op === Op.JF);
        flow(B, taken ? narrowed() : f);
        if (fall) { const n = narrowed(); f.iv = n.iv; }
        break;
      }
      case Op.CALL: {
        for (let r = A; r < f.iv.length; r++) set(r, undefined);
        const p = s.calls.get(pc);
        if (p && "emit" in p && LENGTH.test((p as WasmPrim).name)) set(A, { lo: 0, hi: ASSUMED, deps: [] });
        break;
      }
      case Op.TAILCALL: case Op.RET: falls = false; break;
      case Op.SETFREE: break;
      default: set(A, undefined);
    }
    if (falls && next < ins.length) flow(next, f);
  }
  const assumed = new Map<string, Leaf>();
  for (const d of used) {
    assumed.set(d, d[0] === "p" ? { t: "param", r: Number(d.slice(1)), k: "I" } : { t: "free", i: Number(d.slice(1)), k: "I" });
  }
  return { ranges, assumed, products };
}

function paramTag(s: Spec, r: number): Tag | undefined {
  const k = s.params[r];
  return k === "I" || k === "F" ? { t: "param", r } : isVecKind(k) ? { t: "vec", leaf: { t: "param", r, k } } : undefined;
}

function fixnum(v: unknown): Tag | undefined {
  return typeof v === "number" && Number.isInteger(v) ? { t: "leaf", leaf: { t: "num", v, k: "I" } } : undefined;
}

/** Push the entry test (an i32, nonzero when the loop may run without the guards the analysis removed). */
export function emitInductionTest(h: SimdHost, l: InductionLoop): void {
  const f = h.f, { vector, pushLeaf } = invariantValues(h);
  const i = h.paramLocal(l.index, "I"), n = f.local("i64");
  pushLeaf(l.bound, "I");
  f.op("local.set", n);
  // 0 <= i <= n <= 2^31
  f.op("local.get", i).op("i64.const", 0).op("i64.ge_s")
    .op("local.get", i).op("local.get", n).op("i64.le_s").op("i32.and")
    .op("local.get", n).op("i64.const", 2 ** 31).op("i64.le_s").op("i32.and");
  for (const v of l.indexed.values()) {
    f.op("local.get", n).op("local.get", vector(v).len).op("i64.extend_i32_u").op("i64.le_s").op("i32.and");
  }
  for (const a of l.assumed.values()) {
    // |a| <= 2^31, as one unsigned compare of a + 2^31 with 2^32.
    pushLeaf(a, "I"); f.op("i64.const", ASSUMED).op("i64.add").op("i64.const", 2 * ASSUMED).op("i64.le_u").op("i32.and");
  }
  for (const { vec, idx } of l.fixed.values()) {
    // An unsigned compare: a negative index fails too.
    pushLeaf(idx, "I"); f.op("local.get", vector(vec).len).op("i64.extend_i32_u").op("i64.lt_u").op("i32.and");
  }
}
