// Identical code shared (hash-consing): procedures whose compiled form is the same (the same
// helper lambda a macro instantiates in many places, the same library loaded twice) end up as
// one Code object, so they share heat, type feedback and the JIT's native function: the JIT
// compiles them once.
//
// Two Codes are identical when their instructions, arity, frame size, self slot, name, register
// names and constants are: a constant compares by value when it is an immutable atom (number, symbol,
// char, boolean, special), by identity otherwise (global cells, quoted pairs, strings and
// vectors), and nested Codes by their shared representative. Positions are not compared: a
// shared Code keeps the line table of the first one compiled, so an error raised inside a
// shared procedure reports that procedure's first definition site (its callers' frames keep
// their own positions). Runs bottom-up over a freshly compiled top-level Code, rewriting
// constant tables to point at representatives.

import { Code } from "../bytecode/code.js";
import { Char, Flonum, Sym, Value } from "../runtime/values.js";
import { Ratnum } from "../runtime/numbers.js";

export class CodeSharing {
  /** Structural key -> representative. Weak, so unused procedures are still collected. */
  private readonly table = new Map<string, WeakRef<Code>>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Representative -> how many identical Codes were replaced by it. */
  private readonly duplicates = new WeakMap<Code, number>();
  /** Codes replaced by an identical one since the runtime started. */
  shared = 0;
  private readonly representatives: WeakRef<Code>[] = [];

  private idOf(x: object): number {
    let id = this.ids.get(x);
    if (id === undefined) { id = this.nextId++; this.ids.set(x, id); }
    return id;
  }

  /** Replace, throughout `root`'s constant tables, each Code by its representative; returns root's. */
  share(root: Code): Code {
    // Post-order without recursion: children's representatives are known before their parent's key.
    const order: Code[] = [];
    const seen = new Set<Code>();
    const stack: Code[] = [root];
    while (stack.length > 0) {
      const c = stack.pop()!;
      if (seen.has(c)) continue;
      seen.add(c);
      order.push(c);
      for (const k of c.consts) if (k instanceof Code && !seen.has(k)) stack.push(k);
    }
    const rep = new Map<Code, Code>();
    for (let i = order.length - 1; i >= 0; i--) {
      const c = order[i];
      const consts = c.consts;
      for (let j = 0; j < consts.length; j++) {
        const k = consts[j];
        if (k instanceof Code) { const r = rep.get(k); if (r !== undefined && r !== k) consts[j] = r; }
      }
      if (c === root) { rep.set(c, c); continue; }
      const key = this.keyOf(c);
      const found = key === null ? undefined : this.table.get(key)?.deref();
      if (found !== undefined && found !== c) {
        rep.set(c, found);
        this.shared++;
        this.duplicates.set(found, (this.duplicates.get(found) ?? 0) + 1);
      } else {
        rep.set(c, c);
        if (key !== null) { this.table.set(key, new WeakRef(c)); this.representatives.push(new WeakRef(c)); }
      }
    }
    return root;
  }

  /** JIT compilations saved: for each compiled representative, the Codes that did not need their own. */
  savedCompilations(): number {
    let n = 0;
    for (const ref of this.representatives) {
      const c = ref.deref();
      if (c !== undefined && c.jit !== null) n += this.duplicates.get(c) ?? 0;
    }
    return n;
  }

  private keyOf(c: Code): string | null {
    const words = c.code, regNames = c.regNames, consts = c.consts;
    // selfSlot too: native code reads a self slot as the closure itself (Code.selfSlot), so a
    // lambda calling itself by its letrec name and an identical one calling a captured procedure
    // must stay two Codes.
    const parts: (string | number)[] = [c.name.length, c.name, c.nreq, c.rest ? 1 : 0, c.frameSize, c.selfSlot, words.length];
    for (let i = 0; i < words.length; i++) parts.push(words[i]);
    parts.push(regNames.length);
    for (let i = 0; i < regNames.length; i++) { const n = regNames[i]; parts.push(n === undefined ? -1 : n.length, n ?? ""); }
    parts.push(consts.length);
    for (const k of consts) parts.push(this.constKey(k));
    return parts.join("\u0000");
  }

  /** An atom by value; anything with identity by an id. */
  private constKey(k: Value): string {
    switch (typeof k) {
      case "number": return Object.is(k, -0) ? "n-0" : `n${k}`;
      case "bigint": return `b${k}`;
      case "boolean": return k ? "#t" : "#f";
      default:
        if (k instanceof Sym && k.interned) return `s${this.idOf(k)}`;
        if (k instanceof Char) return `c${k.code}`;
        if (k instanceof Flonum) return Object.is(k.v, -0) ? "f-0" : `f${k.v}`;
        if (k instanceof Ratnum) return `r${k.num}/${k.den}`;
        return k !== null && typeof k === "object" ? `o${this.idOf(k)}` : `?${String(k)}`;
    }
  }
}
