// Measures what discarded instances leave behind (run by isolation.test.ts as
// `node --expose-gc heap-child.js --measure N`): heap used and symbols interned before any
// instance, at the peak, and after N instances, each of which interned 10,000 fresh symbols
// and defined globals, are dropped and collected. Prints one JSON line.

import { createKiln } from "../../src/api/index.js";
import { symbolCount } from "../../src/runtime/values.js";

async function settle(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  for (let i = 0; i < 4; i++) { gc(); await new Promise((r) => setTimeout(r, 20)); }
}

/** One instance that interns 10,000 fresh symbols; returns the table's size while it lives. */
function useAndDrop(i: number): number {
  // (In a function: a suspended top-level await would keep the last instance's locals alive.)
  const k = createKiln();
  const r = k.evaluate(`
    (define syms (let loop ((j 0) (acc '()))
      (if (= j 10000) acc (loop (+ j 1) (cons (string->symbol (string-append "s${i}-" (number->string j))) acc)))))
    (define v (make-vector 1000 'x))
    (length syms)`);
  if (r.value !== "10000") throw new Error(r.error);
  return symbolCount();
}

const at = process.argv.indexOf("--measure");
if (at >= 0) {
  const n = Number(process.argv[at + 1] ?? 100);
  createKiln().evaluate("(+ 1 2)");  // module-level state created once (tables, caches)
  await settle();
  const heapBefore = process.memoryUsage().heapUsed, symbolsBefore = symbolCount();
  let symbolsPeak = 0;
  for (let i = 0; i < n; i++) symbolsPeak = Math.max(symbolsPeak, useAndDrop(i));
  await settle();
  const heapAfter = process.memoryUsage().heapUsed, symbolsAfter = symbolCount();
  process.stdout.write(JSON.stringify({ heapBefore, heapAfter, symbolsBefore, symbolsPeak, symbolsAfter }) + "\n");
}
