// Frames, stack segments and continuations (DESIGN.md, "Continuations, deep recursion").
//
// A frame at index fp of a segment (a JS array) is laid out as
//   seg[fp-4] caller closure   seg[fp-3] caller fp (UNDERFLOW: the caller is in `Cont`)
//   seg[fp-2] return pc        seg[fp-1] caller register receiving the result
//   seg[fp+i] register i
// A `Cont` is a frozen segment plus where to resume in it: capturing a continuation freezes the
// running segment in O(1) and continues on a fresh one; returning into a frozen segment copies a
// bounded chunk of its top frames back (Hieb, Dybvig & Bruggeman 1990), so the frozen one stays
// pristine and can be re-entered any number of times.

import { Value } from "../runtime/values.js";
import { Closure } from "../bytecode/code.js";

export const UNDERFLOW = -1;
export const LINK = 4;
/** A segment grows by doubling up to this many slots; past it, the stack continues in a new segment. */
export const MAX_SEGMENT = 1 << 20;
export const INITIAL_SEGMENT = 1024;
/** A segment begun by call/cc starts small: generators capture often and grow it rarely. */
export const CAPTURE_SEGMENT = 64;
/** Slots copied back per underflow, at least one frame. */
const CHUNK = 32;

export class Cont {
  constructor(
    /** Frozen segment: never written after the Cont is made. */
    readonly seg: Value[],
    /** Frame to resume: its fp, closure, pc, and the register that receives the value. */
    readonly fp: number,
    readonly closure: Closure,
    readonly pc: number,
    readonly dst: number,
    /** What lies below the segment's bottom frame; null at the bottom of a run. */
    readonly next: Cont | null,
    /**
     * False while only the interpreter's own stack refers to this Cont (a segment frozen by
     * overflow): then returning into it may simply make its segment live again, with no copy.
     * call/cc marks the whole chain shared.
     */
    public shared: boolean,
  ) {}
}

/** The continuation escapes to Scheme code: from now on its segments are immutable. */
export function markShared(c: Cont | null): void {
  for (; c !== null && !c.shared; c = c.next) c.shared = true;
}

/** Filled segments to copy: `slice()` of a packed array is a block copy, `new Array(n).fill()` was 12% of ctak. */
const templates = new Map<number, Value[]>();

export function newSegment(size = INITIAL_SEGMENT): Value[] {
  let t = templates.get(size);
  if (t === undefined) {
    if (size !== CAPTURE_SEGMENT && size !== INITIAL_SEGMENT) return new Array(size).fill(undefined);
    t = [];
    for (let i = 0; i < size; i++) t.push(undefined);
    templates.set(size, t);
  }
  return t.slice();
}

/** Grow `seg` in place (callers hold references to it) so that index `need` is valid. */
export function growSegment(seg: Value[], need: number): void {
  let n = seg.length;
  while (n <= need) n *= 2;
  const old = seg.length;
  seg.length = n;
  seg.fill(undefined, old);
}

export interface Resumed { fp: number; closure: Closure; pc: number; cont: Cont | null }

/**
 * Copy the top frames of `c` into `seg` from index 0, deliver `v` to the waiting register,
 * and say where execution resumes and what continuation now lies below the segment.
 */
export function resume(c: Cont, v: Value, seg: Value[]): Resumed {
  const src = c.seg;
  let bottom = c.fp;
  let slots = c.dst + 1 + LINK;
  while (slots < CHUNK) {
    const callerFp = src[bottom - 3] as number;
    if (callerFp < 0) break;
    slots += bottom - callerFp;
    bottom = callerFp;
  }
  const start = bottom - LINK;
  const end = c.fp + c.dst + 1;
  const delta = -start;
  const need = end - start + c.closure.code.frameSize + LINK + 1;
  if (need >= seg.length) growSegment(seg, need);
  for (let i = start; i < end; i++) seg[i + delta] = src[i];
  // Relocate the caller links inside the chunk; the bottom frame's caller is the rest of `c`.
  for (let f = c.fp; f !== bottom;) {
    const callerFp = src[f - 3] as number;
    seg[f - 3 + delta] = callerFp + delta;
    f = callerFp;
  }
  const bCaller = src[bottom - 3] as number;
  seg[bottom - 3 + delta] = UNDERFLOW;
  const cont = bCaller < 0 ? c.next
    : new Cont(src, bCaller, src[bottom - 4] as Closure, src[bottom - 2] as number, src[bottom - 1] as number, c.next, true);
  const fp = c.fp + delta;
  seg[fp + c.dst] = v;
  return { fp, closure: c.closure, pc: c.pc, cont };
}
