// Compiled code as serializable values: an extension of the value serializer (serial/values.ts)
// for Code objects and global cells. A Code is written with everything the interpreter and the
// backtraces need (instructions, frame size, arity, name, line table, register names, position)
// and its constants as children, so nested Codes, shared symbols and quoted data reuse the
// value format. A global cell is written by name: the key of the environment that owns it
// ("core", a library's key, "program") and its symbol; on load the caller's resolver returns
// the live cell, so loaded code reads and writes the same globals source-compiled code would.
// Loaded code is untrusted until verify.ts has checked it.

import { Value, intern } from "../runtime/values.js";
import { Code, SourcePos } from "../bytecode/code.js";
import { Cell } from "../expander/environment.js";
import { ByteReader, ByteWriter, SerialError } from "../serial/bytes.js";
import { SerialExtension, Slot } from "../serial/values.js";

const EXT_CODE = 1, EXT_CELL = 2;

/** Names the owner of a cell when writing, finds the live cell when reading. */
export interface CellNaming {
  /** The key of the environment owning `cell`, or null when it has none that can be named. */
  ownerOf(cell: Cell): string | null;
  /** The live cell `name` of environment `owner` (created unbound when new); null if impossible. */
  resolve(owner: string, name: import("../runtime/values.js").Sym): Cell | null;
}

/** Upper bounds that keep a hostile file from asking for absurd allocations. */
export const LIMITS = { frameSize: 1 << 16, codeWords: 1 << 24 };

export function codeExtension(cells: CellNaming): SerialExtension {
  return {
    encode(v: object, w: ByteWriter): Value[] | null {
      if (v instanceof Code) {
        w.u8(EXT_CODE);
        w.str(v.name); w.uint(v.nreq); w.u8(v.rest ? 1 : 0); w.uint(v.frameSize);
        w.uint(v.code.length);
        for (const word of v.code) w.uint(word);
        w.uint(v.linePcs.length);
        for (let i = 0; i < v.linePcs.length; i++) { w.uint(v.linePcs[i]); writePos(w, v.linePos[i]); }
        w.uint(v.regNames.length);
        for (let i = 0; i < v.regNames.length; i++) {
          const n = v.regNames[i];
          if (typeof n === "string") { w.u8(1); w.str(n); } else w.u8(0);
        }
        if (v.pos) { w.u8(1); writePos(w, v.pos); } else w.u8(0);
        w.uint(v.consts.length);
        return v.consts;
      }
      if (v instanceof Cell) {
        const owner = cells.ownerOf(v);
        if (owner === null || !v.name.interned) throw new SerialError(`cannot save a reference to the global ${v.name.name}: its environment has no name`, v);
        w.u8(EXT_CELL); w.str(owner); w.u8(v.name.interned ? 1 : 0); w.str(v.name.name);
        return [];
      }
      return null;
    },
    decode(r: ByteReader): { value: object; slots: Slot[] } {
      const kind = r.u8();
      if (kind === EXT_CODE) {
        const name = r.str(), nreq = r.uint(), rest = r.u8() !== 0, frameSize = r.uint();
        if (frameSize > LIMITS.frameSize) r.fail(`frame size ${frameSize} too large`);
        const n = r.count(1, "code length");
        if (n > LIMITS.codeWords) r.fail(`code of ${n} words too large`);
        const words = new Uint32Array(n);
        for (let i = 0; i < n; i++) {
          const x = r.uint();
          if (x > 0xffffffff) r.fail("instruction word out of range");
          words[i] = x;
        }
        const nl = r.count(2, "line table length");
        const linePcs = new Int32Array(nl);
        const linePos: SourcePos[] = new Array(nl);
        for (let i = 0; i < nl; i++) {
          const pc = r.uint();
          if (pc > 0x7fffffff) r.fail("line table pc out of range");
          linePcs[i] = pc; linePos[i] = readPos(r);
        }
        const nr = r.count(1, "register name count");
        const regNames: string[] = [];
        for (let i = 0; i < nr; i++) { if (r.u8() === 1) regNames[i] = r.str(); }
        regNames.length = nr;
        const pos = r.u8() === 1 ? readPos(r) : null;
        const nc = r.count(1, "constant count");
        const consts: Value[] = new Array(nc).fill(undefined);
        const code = new Code(name, words, consts, nreq, rest, frameSize, linePcs, linePos, regNames, pos);
        const slots: Slot[] = [];
        for (let i = 0; i < nc; i++) slots.push([consts, i]);
        return { value: code, slots };
      }
      if (kind === EXT_CELL) {
        const owner = r.str();
        const interned = r.u8() === 1;
        const name = r.str();
        if (!interned) r.fail(`global ${name} is named by an uninterned symbol`);
        const cell = cells.resolve(owner, intern(name));
        if (cell === null) r.fail(`no global ${name} in ${owner}`);
        return { value: cell, slots: [] };
      }
      return r.fail(`unknown code-cache object kind ${kind}`);
    },
  };
}

function writePos(w: ByteWriter, p: SourcePos): void { w.str(p.file); w.uint(p.line); w.uint(p.column); }
function readPos(r: ByteReader): SourcePos { return { file: r.str(), line: r.uint(), column: r.uint() }; }
