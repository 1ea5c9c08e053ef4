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
import { SerialExtension } from "../serial/values.js";

const NONE: Value[] = [];

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
        w.words(v.code);
        // Line table: pc deltas; each position as its file (0: same as the previous entry's),
        // line delta from the previous entry (zigzag) and column.
        w.uint(v.linePcs.length);
        let prevPc = 0, prevLine = 0, prevFile = "";
        for (let i = 0; i < v.linePcs.length; i++) {
          const p = v.linePos[i];
          w.uint(v.linePcs[i] - prevPc); prevPc = v.linePcs[i];
          if (p.file === prevFile) w.u8(0); else { w.u8(1); w.str(p.file); prevFile = p.file; }
          const d = p.line - prevLine; prevLine = p.line;
          w.uint(d >= 0 ? 2 * d : -2 * d - 1); w.uint(p.column);
        }
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
    decode(r: ByteReader): { value: object; children: Value[] } {
      const kind = r.u8();
      if (kind === EXT_CODE) {
        const name = r.str(), nreq = r.uint(), rest = r.u8() !== 0, frameSize = r.uint();
        if (frameSize > LIMITS.frameSize) r.fail(`frame size ${frameSize} too large`);
        const words = r.words(LIMITS.codeWords);
        const nl = r.count(4, "line table length");
        const linePcs = new Int32Array(nl);
        const linePos: SourcePos[] = new Array(nl);
        let pc = 0, line = 0, file = "";
        for (let i = 0; i < nl; i++) {
          pc += r.uint();
          if (pc > 0x7fffffff) r.fail("line table pc out of range");
          if (r.u8() !== 0) file = r.str();
          const d = r.uint();
          line += d % 2 === 0 ? d / 2 : -(d + 1) / 2;
          linePcs[i] = pc; linePos[i] = { file, line, column: r.uint() };
        }
        const nr = r.count(1, "register name count");
        const regNames: string[] = [];
        for (let i = 0; i < nr; i++) { if (r.u8() === 1) regNames[i] = r.str(); }
        regNames.length = nr;
        const pos = r.u8() === 1 ? readPos(r) : null;
        const nc = r.count(1, "constant count");
        const consts: Value[] = new Array(nc).fill(undefined);
        const code = new Code(name, words, consts, nreq, rest, frameSize, linePcs, linePos, regNames, pos);
        return { value: code, children: consts };
      }
      if (kind === EXT_CELL) {
        const owner = r.str();
        const interned = r.u8() === 1;
        const name = r.str();
        if (!interned) r.fail(`global ${name} is named by an uninterned symbol`);
        const cell = cells.resolve(owner, intern(name));
        if (cell === null) r.fail(`no global ${name} in ${owner}`);
        return { value: cell, children: NONE };
      }
      return r.fail(`unknown code-cache object kind ${kind}`);
    },
  };
}

function writePos(w: ByteWriter, p: SourcePos): void { w.str(p.file); w.uint(p.line); w.uint(p.column); }
function readPos(r: ByteReader): SourcePos { return { file: r.str(), line: r.uint(), column: r.uint() }; }
