// Ports below the command line: standard input fed in pieces (a datum, a CRLF or a surrogate
// pair split between pieces; pieces pulled only when needed), file ports through an in-memory
// Host (the Host interface, not node's file system), flushing at exit, and the sandbox, which
// has no file system and answers every file operation with a file error.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createKiln } from "../../src/api/index.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { Host } from "../../src/host/host.js";
import { StringInputPort, flushStandardPorts } from "../../src/runtime/ports.js";
import { writeString } from "../../src/runtime/printer.js";
import { EOF, char } from "../../src/runtime/values.js";
import { ReadError } from "../../src/reader/reader.js";

/** A stream port over `pieces`, counting how many were pulled. */
function streamOf(pieces: string[]): { port: StringInputPort; pulled: () => number } {
  let i = 0;
  const port = StringInputPort.stream(() => (i < pieces.length ? pieces[i++] : null));
  return { port, pulled: () => i };
}

test("a stream port pulls pieces only when it needs them", () => {
  const { port, pulled } = streamOf(["ab\n", "cd\n", "ef"]);
  assert.equal(pulled(), 0);
  assert.equal(port.charReady(), false);   // nothing buffered yet, and reading could block
  assert.equal(port.readLine().toString(), "ab");
  assert.equal(pulled(), 1);
  assert.equal(port.readChar(), char(99));
  assert.equal(pulled(), 2);
  assert.equal(port.charReady(), true);
  assert.equal(port.readLine().toString(), "d");
  assert.equal(pulled(), 2);
  assert.equal(port.readLine().toString(), "ef");
  assert.equal(port.readLine(), EOF);
  assert.equal(port.charReady(), true);    // at end of input: reading does not block
});

test("a stream port joins what is split between pieces", () => {
  const { port } = streamOf(["(a (b", " c) ", "d", "ef) sym", "bol", " 12", "3\r", "\nnext\r", "\n", "\ud83d", "\ude00", "x"]);
  assert.equal(writeString(port.readDatum(), "write"), "(a (b c) def)");
  assert.equal(writeString(port.readDatum(), "write"), "symbol");
  assert.equal(port.readDatum(), 123);
  assert.equal(port.readLine().toString(), "");
  assert.equal(port.readLine().toString(), "next");
  assert.equal(port.readChar(), char(0x1f600));
  assert.equal(port.readString(5).toString(), "x");
  assert.equal(port.readDatum(), EOF);
});

test("a read error on a stream leaves the port usable", () => {
  const { port } = streamOf([") (ok", ")", " (bad"]);
  assert.throws(() => port.readDatum(), ReadError);
  assert.equal(writeString(port.readDatum(), "write"), "(ok)");
  assert.throws(() => port.readDatum(), ReadError);
  assert.equal(port.readDatum(), EOF);
});

test("a long stream is read in constant buffer space", () => {
  let n = 0;
  const port = StringInputPort.stream(() => (n++ < 400 ? "x".repeat(999) + "\n" : null));
  let lines = 0;
  while (port.readLine() !== EOF) lines++;
  assert.equal(lines, 400);
});

/** A Host whose files live in a Map. */
function memoryHost(): Host & { files: Map<string, Uint8Array>; writes: number } {
  const files = new Map<string, Uint8Array>();
  const host = {
    ...sandboxHost(),
    files,
    writes: 0,
    readFileBytes: (p: string) => files.get(p) ?? null,
    writeFileBytes: (p: string, bytes: Uint8Array, append: boolean) => {
      if (p.startsWith("/ro/")) throw new Error("read-only file system");
      host.writes++;
      const old = append ? files.get(p) ?? new Uint8Array(0) : new Uint8Array(0);
      const next = new Uint8Array(old.length + bytes.length);
      next.set(old); next.set(bytes, old.length);
      files.set(p, next);
      return true;
    },
    fileExists: (p: string) => files.has(p),
    deleteFile: (p: string) => files.delete(p),
  };
  return host;
}

test("file ports go through the Host", () => {
  const host = memoryHost();
  const k = createKiln(host);
  const text = (p: string): string => new TextDecoder().decode(host.files.get(p));
  // Within one run nothing reaches the file before a flush (evaluate flushes at its end).
  let r = k.evaluate(`(define p (open-output-file "/a.txt")) (write-string "héllo" p)
                      (list (file-exists? "/a.txt") (call-with-input-file "/a.txt" read-line))`);
  assert.equal(r.value, "(#t #<eof>)", r.error);
  assert.equal(text("/a.txt"), "héllo");
  r = k.evaluate(`(write-char #\\! p) (close-port p)`);
  assert.equal(r.ok, true, r.error);
  assert.equal(text("/a.txt"), "héllo!");
  r = k.evaluate(`(call-with-input-file "/a.txt" read-line)`);
  assert.equal(r.value, '"héllo!"', r.error);
  r = k.evaluate(`(with-output-to-file "/b.txt" (lambda () (display "in b")))
                  (let* ((d (with-input-from-file "/b.txt" read)) (gone (begin (delete-file "/b.txt") #t)))
                    (list d gone (file-exists? "/b.txt")))`);
  assert.equal(r.value, "(in #t #f)", r.error);
  r = k.evaluate(`(guard (e ((file-error? e) (list (error-object-message e) (error-object-irritants e))))
                    (open-output-file "/ro/x"))`);
  assert.equal(r.value, '("open-output-file: read-only file system" ("/ro/x"))', r.error);
  r = k.evaluate(`(guard (e ((file-error? e) (error-object-irritants e))) (open-input-file "/none"))`);
  assert.equal(r.value, '("/none")', r.error);
});

test("open file output ports are flushed by flushStandardPorts (at exit)", () => {
  const host = memoryHost();
  const k = createKiln(host);
  const r = k.evaluate(`(define p (open-binary-output-file "/bin")) (write-bytevector #u8(1 2 3) p) 'ok`);
  assert.equal(r.ok, true, r.error);
  // evaluate flushes the standard ports after each run, and with them open file ports.
  assert.deepEqual([...host.files.get("/bin")!], [1, 2, 3]);
  k.evaluate(`(write-u8 4 p)`);
  flushStandardPorts();
  assert.deepEqual([...host.files.get("/bin")!], [1, 2, 3, 4]);
  k.evaluate(`(close-port p)`);
  const writes = host.writes;
  flushStandardPorts();
  assert.equal(host.writes, writes, "a closed port is no longer flushed");
});

test("the sandbox has no file system: file operations raise file errors", () => {
  const k = createKiln();
  for (const form of [
    `(open-input-file "/etc/hostname")`,
    `(open-binary-input-file "/etc/hostname")`,
    `(open-output-file "/tmp/kiln-sandbox-x")`,
    `(open-binary-output-file "/tmp/kiln-sandbox-x")`,
    `(call-with-output-file "/tmp/kiln-sandbox-x" (lambda (p) 1))`,
    `(with-input-from-file "/etc/hostname" read)`,
    `(file-exists? "/etc/hostname")`,
    `(delete-file "/tmp/kiln-sandbox-x")`,
  ]) {
    const r = k.evaluate(`(guard (e ((file-error? e) (error-object-message e))) ${form})`);
    assert.equal(r.ok, true, `${form}: ${r.error}`);
    assert.match(r.value, /no file system/, form);
  }
});
