// Builtins of (scheme file), R7RS 6.13 and 6.14: opening file ports, file-exists? and
// delete-file, all through the Host (the core imports no Node module). The procedures that
// call back into Scheme (call-with-input-file, with-output-to-file, ...) are Scheme, in
// src/lib/scheme/io.scm.
//
// Input: a Host, whose optional file methods may be missing (sandbox). Output: a builtin table.
// Invariants: every failure raises an error object satisfying `file-error?`, with the file
// name as irritant; text files are UTF-8 (a leading byte order mark is dropped on input).
// An input file is read whole when opened; an output file is created (emptied) when opened,
// and what is written reaches it on flush, on close, when a buffer fills, and at exit; if the
// file was deleted meanwhile, writing raises a file error instead of creating it again.

import { Host } from "../host/host.js";
import { PrimSpec, prim } from "../runtime/primitive.js";
import { kindError, typeError } from "../runtime/errors.js";
import { BytevectorInputPort, PortSet, StringInputPort } from "../runtime/ports.js";
import { FileBinaryOutputPort, FileSink, FileTextOutputPort } from "../runtime/file-ports.js";
import { MString, UNSPECIFIED, Value } from "../runtime/values.js";

const decoder = new TextDecoder("utf-8");

function fileName(who: string, x: Value): string {
  if (!(x instanceof MString)) typeError(who, "a string (a file name)", x);
  return x.toString();
}

/** Raise a file error for `who` on `name`, saying why when the host told us. */
function fail(who: string, what: string, name: string, cause?: unknown): never {
  const why = cause instanceof Error && cause.message ? cause.message : what;
  kindError("file", `${who}: ${why}`, new MString(name));
}

/** Call a host file method, turning a thrown Error into a file error. */
function attempt<T>(who: string, what: string, name: string, op: () => T): T {
  try { return op(); } catch (e) { return fail(who, what, name, e); }
}

export function filePrimitives(host: Host, ports: PortSet): PrimSpec[] {
  /** A method of the host, or a file error when the host has no file system. */
  function need<K extends "readFileBytes" | "writeFileBytes" | "fileExists" | "deleteFile">(
    who: string, name: string, method: K): NonNullable<Host[K]> {
    const m = host[method];
    if (typeof m !== "function") fail(who, "no file system in this host", name);
    return m.bind(host) as NonNullable<Host[K]>;
  }

  function readBytes(who: string, name: string): Uint8Array {
    const read = need(who, name, "readFileBytes");
    const bytes = attempt(who, "cannot open file", name, () => read(name));
    if (bytes === null) fail(who, "cannot open file", name);
    return bytes;
  }

  /** Create or empty the file now (so errors show at open time); return the appending sink. */
  function openSink(who: string, name: string): FileSink {
    const write = need(who, name, "writeFileBytes");
    const ok = attempt(who, "cannot open file for output", name, () => write(name, new Uint8Array(0), false));
    if (!ok) fail(who, "cannot open file for output", name);
    return (bytes) => {
      // Appending would create the file again: a deleted output file stays deleted.
      if (typeof host.fileExists === "function" && !attempt("output to file", "cannot check file", name, () => host.fileExists!(name))) {
        fail("output to file", "the file no longer exists", name);
      }
      const done = attempt("output to file", "cannot write file", name, () => write(name, bytes, true));
      if (!done) fail("output to file", "cannot write file", name);
    };
  }

  return [
    prim("open-input-file", 1, 1, (f: Value) => {
      const name = fileName("open-input-file", f);
      return new StringInputPort(decoder.decode(readBytes("open-input-file", name)), name);
    }),
    prim("open-binary-input-file", 1, 1, (f: Value) => {
      const name = fileName("open-binary-input-file", f);
      return new BytevectorInputPort(readBytes("open-binary-input-file", name));
    }),
    prim("open-output-file", 1, 1, (f: Value) => {
      const name = fileName("open-output-file", f);
      return new FileTextOutputPort(name, openSink("open-output-file", name), ports);
    }),
    prim("open-binary-output-file", 1, 1, (f: Value) => {
      const name = fileName("open-binary-output-file", f);
      return new FileBinaryOutputPort(name, openSink("open-binary-output-file", name), ports);
    }),
    prim("file-exists?", 1, 1, (f: Value) => {
      const name = fileName("file-exists?", f);
      const exists = need("file-exists?", name, "fileExists");
      return attempt("file-exists?", "cannot check file", name, () => exists(name));
    }),
    prim("delete-file", 1, 1, (f: Value) => {
      const name = fileName("delete-file", f);
      const del = need("delete-file", name, "deleteFile");
      const ok = attempt("delete-file", "cannot delete file", name, () => del(name));
      if (!ok) fail("delete-file", "cannot delete file", name);
      return UNSPECIFIED;
    }),
  ];
}
