// (kiln parallel) in a real browser (docs/parallel.md): in a cross-origin isolated page, the
// program's Web Worker (KilnWorker) starts a pool of Web Workers (src/parallel/web.ts); in a page
// without the COOP/COEP headers there is no shared memory, and futures run in the program's
// worker when touched. The same program gives the same answers in both; in the pool, `exit` in a
// task ends that worker and a new one takes its place. Without Chromium the
// tests are skipped, as in browser.test.ts. KILN_BROWSER_BENCH=1 also measures the pool.

import { test, describe } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type * as KilnModule from "../../src/host/browser-bundle.js";
import { findChromium, browserAndServer } from "./harness.js";

type PageGlobals = typeof globalThis & {
  Kiln: typeof KilnModule;
  Worker: new (url: string) => KilnModule.WorkerLike;
  crossOriginIsolated?: boolean;
};

/** Futures, parallel-map of a list and a vector, a channel filled by a task, an error caught at touch, output. */
const PROGRAM = `
(define-library (jobs)
  (export square produce boom hello quit)
  (import (scheme base) (scheme write) (scheme process-context) (kiln parallel))
  (begin
    (define (square x) (* x x))
    (define (produce ch n)
      (let loop ((i 0)) (when (< i n) (channel-put ch (* i 10)) (loop (+ i 1))))
      'produced)
    (define (boom x) (error "boom in a worker" x))
    (define (hello n) (display "hello from a task") (newline) n)
    (define (quit code) (exit code))))

(import (scheme base) (scheme write) (kiln parallel) (jobs))
(define ch (make-channel))
(define p (future produce ch 3))
(define f (future square 7))
(list (touch f)
      (parallel-map square '(1 2 3 4 5 6 7 8 9))
      (parallel-map square #(1 2 3))
      (touch p)
      (let* ((a (channel-get ch)) (b (channel-get ch)) (c (channel-get ch))) (list a b c))
      (guard (e ((error-object? e) (list (error-object-message e) (error-object-irritants e))))
        (touch (future boom 42)))
      (touch (future hello 5))
      (parallel-reduce + 0 (parallel-map square #(1 2 3 4))))`;

const EXPECTED = `(49 (1 4 9 16 25 36 49 64 81) #(1 4 9) produced (0 10 20) ("boom in a worker" (42)) 5 30)`;

const chromium = findChromium();
if (chromium === null) {
  // browser.test.ts says why (and fails under KILN_REQUIRE_BROWSER=1).
  test("browser parallel tests", { skip: "Chromium not found (apt-get install chromium, or set KILN_CHROMIUM)" }, () => {});
} else {
  const fixture = browserAndServer(chromium);

  async function open(path: string): Promise<Page> {
    const page = await fixture.browser.context.newPage();
    await page.goto(`${fixture.base}${path}`);
    await page.waitForFunction(() => (globalThis as { kilnLoaded?: boolean }).kilnLoaded === true);
    return page;
  }

  /** Run `source` in a KilnWorker of the page with `workers` pool workers; then `more` in the same worker. */
  const runInWorker = (page: Page, source: string, workers: number | undefined, more = "(parallel-workers)") =>
    page.evaluate(async ({ source, workers, more }) => {
      const g = globalThis as PageGlobals;
      let out = "";
      const w = new g.Kiln.KilnWorker({ spawn: () => new g.Worker("/browser/kiln-worker.js"), stdout: (t) => { out += t; }, workers });
      const r = await w.run(source, { file: "parallel.scm" });
      const after = await w.run(more);
      w.terminate();
      return { value: r.value, error: r.error, out, after: after.value, afterError: after.error, isolated: g.crossOriginIsolated === true };
    }, { source, workers, more });

  describe("(kiln parallel) in the browser", { timeout: 120_000 }, () => {
    test("a cross-origin isolated page: the program's worker starts a pool of Web Workers", async () => {
      const page = await open("test/bundle.html");
      // Then, in the next run: exit in a task ends that worker, whose task fails; a new one takes its place.
      const r = await runInWorker(page, PROGRAM, 2, `(import (jobs))
        (list (guard (e ((error-object? e) (error-object-message e))) (touch (future quit 3)))
              (parallel-map square '(1 2 3 4 5 6 7 8))
              (parallel-workers)
              (cdr (assq 'replaced (parallel-statistics)))
              (cdr (assq 'tasks (parallel-statistics))))`);
      await page.close();
      assert.equal(r.isolated, true);
      assert.equal(r.error, "");
      assert.equal(r.value, EXPECTED);
      assert.equal(r.out, "hello from a task\n", "a task's output reaches the page");
      assert.equal(r.afterError, "");
      const m = /^\("touch: the worker running this task ended \(exit status 3\)" \(1 4 9 16 25 36 49 64\) 2 1 (\d+)\)$/.exec(r.after);
      assert.ok(m, r.after);
      assert.ok(Number(m[1]) >= 15, `the tasks ran on the pool: ${r.after}`);
    });

    test("without cross-origin isolation there is no pool: futures run when touched, with the same results", async () => {
      const page = await open("test/not-isolated.html");
      const r = await runInWorker(page, PROGRAM, undefined, "(list (parallel-workers) (parallel-statistics))");
      await page.close();
      assert.equal(r.isolated, false);
      assert.equal(r.error, "");
      assert.equal(r.value, EXPECTED);
      assert.equal(r.out, "hello from a task\n");
      assert.equal(r.after, "(1 ((workers . 1)))");
    });

    test("figures: parallel-map of 8 (nqueens 8) jobs on 1 and 2 workers; an empty future", { skip: process.env.KILN_BROWSER_BENCH !== "1" }, async () => {
      const page = await open("test/bundle.html");
      const bench = `
        (define-library (queens8)
          (export nqueens nqueens-50)
          (import (scheme base))
          (begin
            (define (ok? row dist placed)
              (or (null? placed)
                  (and (not (= (car placed) (+ row dist))) (not (= (car placed) (- row dist))) (not (= (car placed) row))
                       (ok? row (+ dist 1) (cdr placed)))))
            (define (try n row placed)
              (cond ((= (length placed) n) 1)
                    ((> row n) 0)
                    (else (+ (if (ok? row 1 placed) (try n 1 (cons row placed)) 0) (try n (+ row 1) placed)))))
            (define (nqueens n) (try n 1 '()))
            (define (nqueens-50 n) (let loop ((i 1)) (if (= i 50) (nqueens n) (begin (nqueens n) (loop (+ i 1))))))))
        (import (scheme base) (scheme time) (kiln parallel) (queens8))
        (define (ms t0) (/ (round (/ (* 10000 (- (current-jiffy) t0)) (jiffies-per-second))) 10.))
        (define (timed thunk) (let ((t0 (current-jiffy))) (thunk) (ms t0)))
        (define jobs '(8 8 8 8 8 8 8 8))
        (define (pool-round) (timed (lambda () (parallel-map nqueens jobs))))
        (define (pool-round-50) (timed (lambda () (parallel-map nqueens-50 jobs))))
        (define (empty-us k) (/ (* 1000 (timed (lambda () (let loop ((i 0)) (when (< i k) (touch (future values i)) (loop (+ i 1))))))) k))
        (define (insert x xs) (if (or (null? xs) (<= x (car xs))) (cons x xs) (cons (car xs) (insert x (cdr xs)))))
        (define (best-median k thunk)
          (let loop ((i 0) (acc '()))
            (if (= i k) (list (car acc) (list-ref acc (quotient k 2))) (loop (+ i 1) (insert (thunk) acc)))))
        (define solutions (parallel-map nqueens jobs))   ; starts the pool, warms the workers' JIT
        (best-median 5 pool-round)
        (empty-us 100)
        (map nqueens jobs)                                ; warms this thread's JIT
        (list (car solutions)
              (best-median 21 pool-round)
              (best-median 5 pool-round-50)
              (best-median 3 (lambda () (timed (lambda () (map nqueens-50 jobs)))))
              (best-median 5 (lambda () (timed (lambda () (map nqueens jobs)))))
              (best-median 3 (lambda () (empty-us 300))))`;
      const one = await runInWorker(page, bench, 1);
      const two = await runInWorker(page, bench, 2);
      await page.close();
      console.log(`# browser pool, 1 worker: (solutions (best median) of: 8 jobs ms, 8 jobs of 50 boards ms, those on the owner ms, 8 jobs on the owner ms, empty future us) ${one.value} ${one.error}`);
      console.log(`# browser pool, 2 workers: ${two.value} ${two.error}`);
      assert.equal(one.error, "");
      assert.equal(two.error, "");
    });
  });
}
