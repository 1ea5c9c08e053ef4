// The one opcode table. `Op` numbers the opcodes (a const enum, so the interpreter's switch
// compiles to literal cases V8 can jump-table); `OPCODES` describes each: its operands, what it
// means, and for inline primitives the builtin it stands for. The type `{ [K in Op]: OpInfo }`
// makes the checker reject a table missing an opcode. The encoder (emitter.ts), the
// disassembler, the instruction-length walk and the deoptimizing patcher all read this table.
//
// Frame layout (see vm/interpreter.ts): R[i] is stack[fp + i]; a call places the callee in
// R[A], leaves R[A+1..A+4] for the callee's link (caller closure, caller fp, return pc, result
// register), and the arguments in R[A+5...]; the callee's fp is then fp + A + 5.

/** Operand kinds: register, constant index, a call's argument count, jump target, free-variable
 *  index, `imm`: a small number with no frame meaning (an index, a count, a flag), and
 *  `captures`/`regs`: a count followed by that many operands. */
export type OperandKind = "reg" | "const" | "count" | "label" | "free" | "imm" | "captures" | "regs";

export interface OpInfo {
  readonly name: string;
  readonly operands: readonly OperandKind[];
  readonly doc: string;
  /** For inline primitives: the builtin's name; the last operand is the cell it was read from. */
  readonly inline?: string;
  /** The generic call op of the same length that replaces this inline op when the builtin is redefined. */
  readonly generic?: Op;
}

export const enum Op {
  MOV, CONST, GREF, GSET, GDEF, FREE, FREEBOX, SETFREEBOX, BOX, UNBOX, SETBOX,
  CLOSURE, SETFREE, CASELAMBDA,
  JMP, JF, JT, CALL, TAILCALL, RET,
  ADD, SUB, MUL, NUMEQ, LT, LE, GT, GE,
  CAR, CDR, NULLP, PAIRP, NOT, ZEROP, CONS, EQ, VREF, VSET, VLEN, SREF, SLEN,
  CALLK1, CALLK2, CALLK3,
  VALUE,
}

const R = "reg", K = "const", I = "imm";
export const OPCODES: { readonly [K in Op]: OpInfo } = {
  [Op.MOV]: { name: "MOV", operands: [R, R], doc: "R[A] := R[B]" },
  [Op.CONST]: { name: "CONST", operands: [R, K], doc: "R[A] := K[B]" },
  [Op.GREF]: { name: "GREF", operands: [R, K], doc: "R[A] := value of global cell K[B] (error if unbound)" },
  [Op.GSET]: { name: "GSET", operands: [R, K], doc: "global cell K[B] := R[A] (set!: error if unbound)" },
  [Op.GDEF]: { name: "GDEF", operands: [R, K], doc: "global cell K[B] := R[A] (define)" },
  [Op.FREE]: { name: "FREE", operands: [R, "free"], doc: "R[A] := free[B]" },
  [Op.FREEBOX]: { name: "FREEBOX", operands: [R, "free"], doc: "R[A] := free[B].v" },
  [Op.SETFREEBOX]: { name: "SETFREEBOX", operands: [R, "free"], doc: "free[B].v := R[A]" },
  [Op.BOX]: { name: "BOX", operands: [R], doc: "R[A] := new box holding R[A]" },
  [Op.UNBOX]: { name: "UNBOX", operands: [R, R], doc: "R[A] := R[B].v" },
  [Op.SETBOX]: { name: "SETBOX", operands: [R, R], doc: "R[A].v := R[B]" },
  [Op.CLOSURE]: { name: "CLOSURE", operands: [R, K, "captures"], doc: "R[A] := closure of code K[B]; each capture is reg*2 or free*2+1" },
  [Op.SETFREE]: { name: "SETFREE", operands: [R, "free", R], doc: "R[A].free[B] := R[C] (letrec fix-up)" },
  [Op.CASELAMBDA]: { name: "CASELAMBDA", operands: [R, "regs"], doc: "R[A] := case-lambda of the closures in the listed registers" },
  [Op.JMP]: { name: "JMP", operands: ["label"], doc: "goto A (a backward jump counts heat)" },
  [Op.JF]: { name: "JF", operands: [R, "label"], doc: "if R[A] is #f goto B" },
  [Op.JT]: { name: "JT", operands: [R, "label"], doc: "if R[A] is not #f goto B" },
  [Op.CALL]: { name: "CALL", operands: [R, "count"], doc: "R[A] := R[A](R[A+5] ... R[A+4+B])" },
  [Op.TAILCALL]: { name: "TAILCALL", operands: [R, "count"], doc: "return R[A](R[A+5] ... R[A+4+B]), reusing this frame" },
  [Op.RET]: { name: "RET", operands: [R], doc: "return R[A]" },
  [Op.ADD]: { name: "ADD", operands: [R, R, R, K], doc: "R[A] := R[B] + R[C]", inline: "+", generic: Op.CALLK2 },
  [Op.SUB]: { name: "SUB", operands: [R, R, R, K], doc: "R[A] := R[B] - R[C]", inline: "-", generic: Op.CALLK2 },
  [Op.MUL]: { name: "MUL", operands: [R, R, R, K], doc: "R[A] := R[B] * R[C]", inline: "*", generic: Op.CALLK2 },
  [Op.NUMEQ]: { name: "NUMEQ", operands: [R, R, R, K], doc: "R[A] := R[B] = R[C]", inline: "=", generic: Op.CALLK2 },
  [Op.LT]: { name: "LT", operands: [R, R, R, K], doc: "R[A] := R[B] < R[C]", inline: "<", generic: Op.CALLK2 },
  [Op.LE]: { name: "LE", operands: [R, R, R, K], doc: "R[A] := R[B] <= R[C]", inline: "<=", generic: Op.CALLK2 },
  [Op.GT]: { name: "GT", operands: [R, R, R, K], doc: "R[A] := R[B] > R[C]", inline: ">", generic: Op.CALLK2 },
  [Op.GE]: { name: "GE", operands: [R, R, R, K], doc: "R[A] := R[B] >= R[C]", inline: ">=", generic: Op.CALLK2 },
  [Op.CAR]: { name: "CAR", operands: [R, R, K], doc: "R[A] := (car R[B])", inline: "car", generic: Op.CALLK1 },
  [Op.CDR]: { name: "CDR", operands: [R, R, K], doc: "R[A] := (cdr R[B])", inline: "cdr", generic: Op.CALLK1 },
  [Op.NULLP]: { name: "NULLP", operands: [R, R, K], doc: "R[A] := (null? R[B])", inline: "null?", generic: Op.CALLK1 },
  [Op.PAIRP]: { name: "PAIRP", operands: [R, R, K], doc: "R[A] := (pair? R[B])", inline: "pair?", generic: Op.CALLK1 },
  [Op.NOT]: { name: "NOT", operands: [R, R, K], doc: "R[A] := (not R[B])", inline: "not", generic: Op.CALLK1 },
  [Op.ZEROP]: { name: "ZEROP", operands: [R, R, K], doc: "R[A] := (zero? R[B])", inline: "zero?", generic: Op.CALLK1 },
  [Op.CONS]: { name: "CONS", operands: [R, R, R, K], doc: "R[A] := (cons R[B] R[C])", inline: "cons", generic: Op.CALLK2 },
  [Op.EQ]: { name: "EQ", operands: [R, R, R, K], doc: "R[A] := (eq? R[B] R[C])", inline: "eq?", generic: Op.CALLK2 },
  [Op.VREF]: { name: "VREF", operands: [R, R, R, K], doc: "R[A] := (vector-ref R[B] R[C])", inline: "vector-ref", generic: Op.CALLK2 },
  [Op.VSET]: { name: "VSET", operands: [R, R, R, R, K], doc: "R[A] := (vector-set! R[B] R[C] R[D])", inline: "vector-set!", generic: Op.CALLK3 },
  [Op.VLEN]: { name: "VLEN", operands: [R, R, K], doc: "R[A] := (vector-length R[B])", inline: "vector-length", generic: Op.CALLK1 },
  [Op.SREF]: { name: "SREF", operands: [R, R, R, K], doc: "R[A] := (string-ref R[B] R[C])", inline: "string-ref", generic: Op.CALLK2 },
  [Op.SLEN]: { name: "SLEN", operands: [R, R, K], doc: "R[A] := (string-length R[B])", inline: "string-length", generic: Op.CALLK1 },
  [Op.CALLK1]: { name: "CALLK1", operands: [R, R, K], doc: "R[A] := (value of cell K[C])(R[B]) — a redefined inline primitive" },
  [Op.CALLK2]: { name: "CALLK2", operands: [R, R, R, K], doc: "R[A] := (value of cell K[D])(R[B], R[C])" },
  [Op.CALLK3]: { name: "CALLK3", operands: [R, R, R, R, K], doc: "R[A] := (value of cell K[E])(R[B], R[C], R[D])" },
  // let-values, receive, define-values (compiler/codegen.ts): one VALUE per formal, after the
  // producer's value landed in R[B] (from `values`, or a continuation called with several).
  [Op.VALUE]: {
    name: "VALUE", operands: [R, R, I, I, I, K],
    doc: "R[A] := value C of the values in R[B], which must be D values (E = 0) or at least D (E = 1); " +
      "C = D: with E = 1 the list of the values after the first D, else only the check (R[A] := unspecified). " +
      "A wrong count raises `K[F]: wrong number of values`",
  },
};

export const OPCODE_COUNT = Object.keys(OPCODES).length;

/** Inline primitive name -> opcode, derived from the table. */
export const INLINE_OPS: ReadonlyMap<string, Op> = new Map(
  (Object.entries(OPCODES) as [string, OpInfo][])
    .filter(([, info]) => info.inline !== undefined)
    .map(([op, info]) => [info.inline!, Number(op) as Op]),
);

/** Number of arguments an inline op takes: its register operands after the result. */
export function inlineArity(op: Op): number {
  return OPCODES[op].operands.filter((k) => k === "reg").length - 1;
}

/** Length in words of the instruction at pc (opcode word included). */
export function instructionLength(code: Uint32Array, pc: number): number {
  const info = OPCODES[code[pc] as Op];
  let len = 1;
  for (const k of info.operands) {
    if (k === "captures" || k === "regs") len += 1 + code[pc + len];
    else len += 1;
  }
  return len;
}
