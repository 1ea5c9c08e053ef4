// Builtins of R7RS 6.13 (ports, input, output) over the ports of src/runtime/ports.ts.
//
// Input: Scheme arguments as the interpreter passes them (missing optionals are undefined).
// Output: `ioPrimitives`, a builtin table for the runtime to install.
// Invariants: an omitted port argument means the current port parameter's value at call time;
// every port argument is checked for direction, textual/binary kind and openness before use.

import { PrimSpec, prim } from "../runtime/primitive.js";
import { rangeError, schemeError, typeError } from "../runtime/errors.js";
import {
  BinaryInputPort, BinaryOutputPort, BytevectorInputPort, BytevectorOutputPort, Port,
  PortSet, StringInputPort, StringOutputPort, TextualInputPort, TextualOutputPort,
} from "../runtime/ports.js";
import { WriteMode, writeString } from "../runtime/printer.js";
import { Char, DEFAULT_OBJECT, EOF, MString, UNSPECIFIED, Value, codePointsToString } from "../runtime/values.js";

export { setStandardInput, setStandardInputStream, setStandardOutput, flushStandardPorts } from "../runtime/ports.js";

function missing(x: Value): boolean { return x === undefined || x === DEFAULT_OBJECT; }

function textOut(ports: PortSet, who: string, p: Value): TextualOutputPort {
  if (missing(p)) p = ports.output.value;
  if (!(p instanceof TextualOutputPort)) typeError(who, "a textual output port", p);
  if (!p.open) schemeError(`${who}: port is closed`, p);
  return p;
}

function textIn(ports: PortSet, who: string, p: Value): TextualInputPort {
  if (missing(p)) p = ports.input.value;
  if (!(p instanceof TextualInputPort)) typeError(who, "a textual input port", p);
  if (!p.open) schemeError(`${who}: port is closed`, p);
  return p;
}

function binOut(ports: PortSet, who: string, p: Value): BinaryOutputPort {
  if (missing(p)) p = ports.output.value;
  if (!(p instanceof BinaryOutputPort)) typeError(who, "a binary output port", p);
  if (!p.open) schemeError(`${who}: port is closed`, p);
  return p;
}

function binIn(ports: PortSet, who: string, p: Value): BinaryInputPort {
  if (missing(p)) p = ports.input.value;
  if (!(p instanceof BinaryInputPort)) typeError(who, "a binary input port", p);
  if (!p.open) schemeError(`${who}: port is closed`, p);
  return p;
}

function isIndex(x: Value): boolean { return typeof x === "number" && Number.isInteger(x) && x >= 0; }

/** Optional [start, end) arguments against a length; returns the checked pair. */
function range(who: string, len: number, start: Value, end: Value): [number, number] {
  const s = missing(start) ? 0 : start;
  const e = missing(end) ? len : end;
  if (!isIndex(s)) typeError(who, "an exact non-negative integer", s);
  if (!isIndex(e)) typeError(who, "an exact non-negative integer", e);
  if (e > len) rangeError(who, "end index", e);
  if (s > e) rangeError(who, "start index", s);
  return [s, e];
}

function count(who: string, k: Value): number {
  if (!isIndex(k)) typeError(who, "an exact non-negative integer", k);
  return k;
}

function writer(ports: PortSet, name: string, mode: WriteMode): PrimSpec {
  return prim(name, 1, 2, (x: Value, port: Value) => {
    const p = textOut(ports, name, port);
    p.putString(writeString(x, mode, (piece) => p.putString(piece)));
    return UNSPECIFIED;
  });
}

function portOf(who: string, p: Value): Port {
  if (!(p instanceof Port)) typeError(who, "a port", p);
  return p;
}

/** The builtins of 6.13 for one runtime: an omitted port is that runtime's current port. */
export const ioPrimitives = (ports: PortSet): PrimSpec[] => [
  // ---- output
  writer(ports, "display", "display"),
  writer(ports, "write", "write"),
  writer(ports, "write-shared", "shared"),
  writer(ports, "write-simple", "simple"),
  prim("newline", 0, 1, (port: Value) => {
    textOut(ports, "newline", port).putString("\n");
    return UNSPECIFIED;
  }),
  prim("write-char", 1, 2, (c: Value, port: Value) => {
    if (!(c instanceof Char)) typeError("write-char", "a character", c);
    textOut(ports, "write-char", port).putString(String.fromCodePoint(c.code));
    return UNSPECIFIED;
  }),
  prim("write-string", 1, 4, (s: Value, port: Value, start: Value, end: Value) => {
    if (!(s instanceof MString)) typeError("write-string", "a string", s);
    const p = textOut(ports, "write-string", port);
    const [a, b] = range("write-string", s.length, start, end);
    if (a === 0 && b === s.length) p.putString(s.toString());
    else if (s.str !== null) p.putString(s.str.slice(a, b));
    else p.putString(codePointsToString(s.cps!.slice(a, b)));
    return UNSPECIFIED;
  }),
  prim("write-u8", 1, 2, (b: Value, port: Value) => {
    if (!isIndex(b) || b > 255) typeError("write-u8", "a byte", b);
    binOut(ports, "write-u8", port).putU8(b);
    return UNSPECIFIED;
  }),
  prim("write-bytevector", 1, 4, (bv: Value, port: Value, start: Value, end: Value) => {
    if (!(bv instanceof Uint8Array)) typeError("write-bytevector", "a bytevector", bv);
    const p = binOut(ports, "write-bytevector", port);
    const [a, b] = range("write-bytevector", bv.length, start, end);
    p.putBytes(bv.subarray(a, b));
    return UNSPECIFIED;
  }),
  prim("flush-output-port", 0, 1, (port: Value) => {
    if (missing(port)) port = ports.output.value;
    if (port instanceof TextualOutputPort || port instanceof BinaryOutputPort) {
      if (port.open) port.flush();
      return UNSPECIFIED;
    }
    typeError("flush-output-port", "an output port", port);
  }),

  // ---- input
  prim("read-char", 0, 1, (port: Value) => textIn(ports, "read-char", port).readChar()),
  prim("peek-char", 0, 1, (port: Value) => textIn(ports, "peek-char", port).peekChar()),
  prim("read-line", 0, 1, (port: Value) => textIn(ports, "read-line", port).readLine()),
  prim("read-string", 1, 2, (k: Value, port: Value) => {
    const n = count("read-string", k);
    const p = textIn(ports, "read-string", port);
    return n === 0 ? new MString("") : p.readString(n);
  }),
  prim("read", 0, 1, (port: Value) => textIn(ports, "read", port).readDatum()),
  prim("char-ready?", 0, 1, (port: Value) => textIn(ports, "char-ready?", port).charReady()),
  prim("read-u8", 0, 1, (port: Value) => binIn(ports, "read-u8", port).readU8()),
  prim("peek-u8", 0, 1, (port: Value) => binIn(ports, "peek-u8", port).peekU8()),
  prim("u8-ready?", 0, 1, (port: Value) => binIn(ports, "u8-ready?", port).u8Ready()),
  prim("read-bytevector", 1, 2, (k: Value, port: Value) => {
    const n = count("read-bytevector", k);
    const p = binIn(ports, "read-bytevector", port);
    return n === 0 ? new Uint8Array(0) : p.readBytes(n);
  }),
  prim("read-bytevector!", 1, 4, (bv: Value, port: Value, start: Value, end: Value) => {
    if (!(bv instanceof Uint8Array)) typeError("read-bytevector!", "a bytevector", bv);
    const p = binIn(ports, "read-bytevector!", port);
    const [a, b] = range("read-bytevector!", bv.length, start, end);
    if (a === b) return 0;
    const got = p.readBytes(b - a);
    if (got === EOF) return EOF;
    bv.set(got as Uint8Array, a);
    return (got as Uint8Array).length;
  }),

  // ---- string and bytevector ports
  prim("open-input-string", 1, 1, (s: Value) => {
    if (!(s instanceof MString)) typeError("open-input-string", "a string", s);
    return new StringInputPort(s.toString());
  }),
  prim("open-output-string", 0, 0, () => new StringOutputPort()),
  prim("get-output-string", 1, 1, (p: Value) => {
    if (!(p instanceof StringOutputPort)) typeError("get-output-string", "a string output port", p);
    return new MString(p.getString());
  }),
  prim("open-input-bytevector", 1, 1, (bv: Value) => {
    if (!(bv instanceof Uint8Array)) typeError("open-input-bytevector", "a bytevector", bv);
    return new BytevectorInputPort(bv.slice());
  }),
  prim("open-output-bytevector", 0, 0, () => new BytevectorOutputPort()),
  prim("get-output-bytevector", 1, 1, (p: Value) => {
    if (!(p instanceof BytevectorOutputPort)) typeError("get-output-bytevector", "a bytevector output port", p);
    return p.getBytes();
  }),

  // ---- port predicates and closing
  prim("port?", 1, 1, (x: Value) => x instanceof Port),
  prim("input-port?", 1, 1, (x: Value) => x instanceof Port && x.input),
  prim("output-port?", 1, 1, (x: Value) => x instanceof Port && x.output),
  prim("textual-port?", 1, 1, (x: Value) => x instanceof Port && x.textual),
  prim("binary-port?", 1, 1, (x: Value) => x instanceof Port && x.binary),
  prim("input-port-open?", 1, 1, (x: Value) => {
    const p = portOf("input-port-open?", x);
    return p.input && p.open;
  }),
  prim("output-port-open?", 1, 1, (x: Value) => {
    const p = portOf("output-port-open?", x);
    return p.output && p.open;
  }),
  prim("close-port", 1, 1, (x: Value) => { portOf("close-port", x).close(); return UNSPECIFIED; }),
  prim("close-input-port", 1, 1, (x: Value) => {
    const p = portOf("close-input-port", x);
    if (!p.input) typeError("close-input-port", "an input port", x);
    p.close();
    return UNSPECIFIED;
  }),
  prim("close-output-port", 1, 1, (x: Value) => {
    const p = portOf("close-output-port", x);
    if (!p.output) typeError("close-output-port", "an output port", x);
    p.close();
    return UNSPECIFIED;
  }),

  // ---- end of file
  prim("eof-object", 0, 0, () => EOF),
  prim("eof-object?", 1, 1, (x: Value) => x === EOF),
];
