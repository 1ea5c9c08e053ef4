// The smaller items of issue 9: file errors that must be `file-error?` and never "internal
// error" (a full disk, a deleted output file), include of names that are Object properties,
// and a lone surrogate in a string literal (a read error).

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createKiln } from "../../src/api/index.js";
import { nodeHost } from "../../src/host/node.js";

const withFiles = () => createKiln(nodeHost(["kiln"]));

test("a write to a full disk is a file error", { skip: !existsSync("/dev/full") }, () => {
  const r = withFiles().evaluate(`(import (scheme file))
    (define p (open-output-file "/dev/full"))
    (guard (e ((file-error? e) (error-object-message e)))
      (write-string (make-string 100000 #\\a) p) (flush-output-port p) 'no-error)`);
  assert.equal(r.ok, true, r.error);
  assert.match(r.value, /no space left on device/);
});

test("a deleted output file is not created again by the next flush", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kiln-sec-"));
  try {
    const file = path.join(dir, "out.txt");
    const r = withFiles().evaluate(`(import (scheme file))
      (define p (open-output-file ${JSON.stringify(file)}))
      (write-string "first" p) (flush-output-port p)
      (delete-file ${JSON.stringify(file)})
      (write-string "second" p)
      (list (guard (e ((file-error? e) 'file-error)) (flush-output-port p) 'flushed)
            (file-exists? ${JSON.stringify(file)}))`);
    assert.equal(r.ok, true, r.error);
    assert.equal(r.value, "(file-error #f)");
    assert.equal(existsSync(file), false);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test("include of a name that is an Object property is a plain error", () => {
  for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
    const r = createKiln().evaluate(`(include "${name}")`);
    assert.equal(r.ok, false);
    assert.match(r.error, new RegExp(`include: cannot read file "${name}"`));
    assert.doesNotMatch(r.error, /internal error/);
  }
});

test("a lone surrogate in a string literal is a read error", () => {
  for (const src of ['"\\xD800;"', '"a\\xDC00;b"', "#\\xD800"]) {
    const r = createKiln().evaluate(src);
    assert.equal(r.ok, false, src);
    assert.doesNotMatch(r.error, /internal error/);
  }
  const r = createKiln().evaluate('(guard (e ((read-error? e) \'read-error)) (read (open-input-string "\\"\\\\xD800;\\"")))');
  assert.equal(r.value, "read-error");
});

