// The embedding's memory limit (issue 9): a program that allocates without end stops with
// "out of memory", an error the host gets back; the host lives on and the instance stays
// usable. In a child whose own heap is 1 GB, so a regression ends the child, not the runner.

import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateInChild } from "../fuzz/child.js";

test("a runaway allocation ends with out of memory and the instance stays usable", async () => {
  const programs = [
    "(define (grow l) (grow (cons (make-vector 100 0) l))) (grow '())",
    "(+ 1 2)",
    "(let loop ((l '()) (i 0)) (loop (cons (number->string i) l) (+ i 1)))",
    "(length (make-list 1000 'still-fine))",
  ];
  const run = await evaluateInChild(programs, {
    timeoutMs: 300_000, nodeArgs: ["--max-old-space-size=1024"],
    env: { KILN_CHILD_SHARED: "1", KILN_CHILD_MEMORY_MB: "200" },
  });
  assert.equal(run.results.length, programs.length, `the child died (status ${run.status}, signal ${run.signal}):\n${run.stderr.slice(0, 2000)}`);
  const [a, b, c, d] = run.results;
  assert.equal(a.ok, false); assert.match(a.error, /out of memory/);
  assert.equal(b.value, "3");
  assert.equal(c.ok, false); assert.match(c.error, /out of memory/);
  assert.equal(d.value, "1000");
});
