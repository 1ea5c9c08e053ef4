// Lazily loaded code: a unit read from a cache file decodes and verifies its top-level Code at
// once, and every other Code only the first time something reads its body (a call, the JIT,
// the disassembler, a backtrace, ...: Code's accessors ask the PendingBody). Most procedures of
// a large program are never called in a given run, and a definition only makes a closure of
// its Code, which needs the header alone (name, arity, frame size, position).
//
// The verifier's guarantee is kept: a body is verified before any of its instructions can be
// read, so none runs unverified. What verify.ts checks across Codes is kept too: the free-table
// size a Code is verified against is the capture count of the CLOSURE instructions creating it,
// recorded when each creator is verified, and a creator disagreeing with a count recorded
// before (or with the size a Code was already verified with) fails verification.
//
// The file's checksum covered every body when the unit was opened, so a body failing here means
// a file made to pass the checksum (or a bug). The failure can only surface at the first use:
// it is raised as a Scheme error there (every later use raises it again) and the unit's context
// is told once, so the cache entry is discarded and compiled from source the next run.

import { Code, PendingBody } from "../bytecode/code.js";
import { SerialError } from "../serial/bytes.js";
import { schemeError } from "../runtime/errors.js";
import { CellNaming, CodeTable, readBody, readHeader } from "./code-serial.js";
import { InlineSite, VerifyError, verifyCode } from "./verify.js";

/** What a loaded unit's Codes need from whoever loaded it. */
export interface LazyContext {
  /** The unit, for messages (its file name). */
  readonly what: string;
  readonly cells: CellNaming;
  /** A body was verified: keep or patch its inline ops, mark its quoted constants. */
  prepare(code: Code, inlines: InlineSite[]): void;
  /** A body is damaged (first time for this unit): discard the file; returns the message to raise. */
  damaged(e: Error): string;
}

export class LazyUnit {
  private readonly codes: (Code | undefined)[];
  /** The index of each Code whose body was read (a pending one's is in its PendingBody). */
  private readonly index = new Map<Code, number>();
  /** The free-table size of each Code's closures; -1 while no verified code creates one. */
  private readonly nfree: Int32Array;
  private message: string | null = null;

  constructor(private readonly table: CodeTable, private readonly ctx: LazyContext) {
    const n = table.starts.length - 1;
    this.codes = new Array(n);
    this.nfree = new Int32Array(n).fill(-1);
  }

  /** Code `i` of the table: its header read, its body pending. */
  codeAt(i: number): Code {
    let c = this.codes[i];
    if (c === undefined) {
      const h = readHeader(this.table, i);
      c = Code.lazy(h.name, h.nreq, h.rest, h.frameSize, h.pos, new Pending(this, i, h.bodyStart, h.bodyEnd));
      this.codes[i] = c;
    }
    return c;
  }

  /** The top-level Code, decoded and verified now: SerialError or VerifyError when it cannot be. */
  root(): Code {
    const c = this.codeAt(0);
    if (c.nreq !== 0 || c.rest) throw new VerifyError(`${this.ctx.what}: top-level code must take no arguments`);
    this.nfree[0] = 0;
    const p = c.pending as Pending;
    try { this.load(c, p); } catch (e) { c.pending = p; throw e; }
    return c;
  }

  /** Decode and verify the body of code `p.index`; SerialError or VerifyError when damaged. */
  load(code: Code, p: Pending): void {
    this.index.set(code, p.index);
    const b = readBody(this.table, p.bodyStart, p.bodyEnd, this.ctx.cells, (i) => this.codeAt(i));
    code.fill(b.words, b.consts, b.linePcs, b.linePos, b.regNames);
    if (this.nfree[p.index] < 0) this.nfree[p.index] = 0;
    const inlines: InlineSite[] = [];
    for (const [c, n] of verifyCode(code, this.nfree[p.index], this.ctx.what, inlines)) {
      const q = c.pending;
      const j = q instanceof Pending && q.unit === this ? q.index : this.index.get(c);
      if (j === undefined) throw new VerifyError(`${this.ctx.what}: code ${c.name || "<anonymous>"} is not from this unit`);
      const known = this.nfree[j];
      if (known >= 0 && known !== n) throw new VerifyError(`${this.ctx.what}: code ${c.name || "<anonymous>"} is closed over ${known} and over ${n} free variables`);
      this.nfree[j] = n;
    }
    code.markSelfSlots();
    this.ctx.prepare(code, inlines);
  }

  /** The Scheme error's message for a damaged body (the context hears of the first only). */
  damaged(e: Error): string { return (this.message ??= this.ctx.damaged(e)); }
}

class Pending implements PendingBody {
  constructor(readonly unit: LazyUnit, readonly index: number, readonly bodyStart: number, readonly bodyEnd: number) {}

  materialize(code: Code): void {
    try {
      this.unit.load(code, this);
    } catch (e) {
      if (!(e instanceof SerialError || e instanceof VerifyError)) { code.pending = this; throw e; }
      const damaged = new Damaged(this.unit.damaged(e));
      code.pending = damaged;
      damaged.materialize();
    }
  }
}

/** A body that failed: every use raises the same Scheme error. */
class Damaged implements PendingBody {
  constructor(private readonly message: string) {}
  materialize(): never { return schemeError(this.message); }
}
