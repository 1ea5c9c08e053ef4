// Kiln in a real browser: Debian's Chromium, driven by playwright-core, loads the ES module and
// classic script builds and the playground from web/server.mjs, runs Scheme programs and
// checks the page. One browser serves every test. Without Chromium the tests are skipped,
// and say so (README: "Browser tests").

import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import type * as KilnModule from "../../src/host/browser-bundle.js";
import { findChromium, browserAndServer, outputDir, root } from "./harness.js";

/** What the test pages expose to `page.evaluate`. */
type PageGlobals = typeof globalThis & {
  Kiln: typeof KilnModule;
  kiln?: KilnModule.BrowserKiln;
  kilnOutput: string;
  playground: { source(): string; worker: KilnModule.KilnWorker };
};

const chromium = findChromium();
if (chromium === null) {
  const why = "Chromium not found (apt-get install chromium, or set KILN_CHROMIUM=/path/to/chrome)";
  if (process.env.KILN_REQUIRE_BROWSER === "1") {
    test("browser tests", () => assert.fail(`KILN_REQUIRE_BROWSER=1 but ${why}`));
  } else {
    console.log(`# SKIPPING the browser tests: ${why}`);
    test("browser tests", { skip: why }, () => {});
  }
} else {
  const fixture = browserAndServer(chromium);

  /** A page, failing the test on any uncaught page error. */
  async function open(url: string): Promise<Page> {
    const page = await fixture.browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("close", () => assert.deepEqual(errors, [], "uncaught errors in the page"));
    await page.goto(url);
    return page;
  }

  describe("the ES module build in a page", { timeout: 120_000 }, () => {
    let page: Page;
    before(async () => {
      page = await open(`${fixture.base}test/bundle.html`);
      await page.waitForFunction(() => (globalThis as { kilnLoaded?: boolean }).kilnLoaded === true);
      await page.evaluate(() => {
        const g = globalThis as PageGlobals;
        g.kilnOutput = "";
        g.kiln = g.Kiln.createBrowserKiln({ stdout: (t) => { g.kilnOutput += t; }, stdin: "first line\nsecond line\n" });
      });
    });
    after(async () => { await page.close(); });

    /** Evaluate a program in the page's runtime: its result and what it printed. */
    const run = (source: string) => page.evaluate((src) => {
      const g = globalThis as PageGlobals;
      g.kilnOutput = "";
      const r = g.kiln!.evaluate(src, "test.scm");
      return { ...r, output: g.kilnOutput, stats: g.kiln!.jitStatistics() };
    }, source);

    test("a tail-call loop of 1,000,000 iterations", async () => {
      const r = await run("(let loop ((i 0) (acc 0)) (if (= i 1000000) acc (loop (+ i 1) (+ acc 2))))");
      assert.equal(r.error, "");
      assert.equal(r.value, "2000000");
    });

    test("a generator made with call/cc", async () => {
      const r = await run(`
        (define (make-gen lst)
          (define return #f)
          (define resume #f)
          (define (start)
            (for-each (lambda (x) (call/cc (lambda (k) (set! resume k) (return x)))) lst)
            (return 'done))
          (lambda () (call/cc (lambda (r) (set! return r) (if resume (resume #f) (start))))))
        (define g (make-gen '(1 2 3)))
        (list (g) (g) (g) (g))`);
      assert.equal(r.error, "");
      assert.equal(r.value, "(1 2 3 done)");
    });

    test("deep recursion: 1,000,000 nested non-tail calls", async () => {
      const r = await run(`
        (define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
        (define (sum xs) (if (null? xs) 0 (+ (car xs) (sum (cdr xs)))))
        (sum (build 1000000))`);
      assert.equal(r.error, "");
      assert.equal(r.value, "500000500000");
    });

    test("a hot loop is compiled to JavaScript by the JIT in the page", async () => {
      const before = (await run("1")).stats.compiled;
      const r = await run(`
        (define (count-primes n)
          (let loop ((i 2) (count 0))
            (if (> i n) count
                (loop (+ i 1) (if (let try ((d 2)) (cond ((> (* d d) i) #t) ((= 0 (remainder i d)) #f) (else (try (+ d 1)))))
                                  (+ count 1) count)))))
        (count-primes 20000)`);
      assert.equal(r.error, "");
      assert.equal(r.value, "2262");
      assert.ok(r.stats.compiled > before, `nothing compiled: ${JSON.stringify(r.stats)}`);
      assert.ok(r.stats.compileMs > 0);
    });

    test("an error reports its position in the program", async () => {
      const r = await run(`(define (first-of x)\n  (car x))\n\n(first-of 42)`);
      assert.equal(r.ok, false);
      assert.deepEqual(r.position, { file: "test.scm", line: 2, column: 3 });
      assert.match(r.error, /^test\.scm:2:3: .*car.*42/);
      assert.doesNotMatch(r.error, /at \w+ \(http|\.js:\d+/, "no JavaScript stack");
      const syntax = await run("(define (f x)\n  (if))");
      assert.equal(syntax.ok, false);
      assert.equal(syntax.position?.line, 2);
    });

    test("display and write go to the page's sink; read-line reads the page's source", async () => {
      const r = await run(`(import (scheme base) (scheme write))
        (define a (read-line)) (define b (read-line))
        (write (list a b (read-line))) (display " and ") (display "ünïcödé λ") (newline)`);
      assert.equal(r.error, "");
      assert.equal(r.output, `("first line" "second line" #<eof>) and ünïcödé λ\n`);
    });

    test("a run on the page's thread stops at its time or step limit, and the runtime stays usable", async () => {
      const r = await page.evaluate(() => {
        const k = (globalThis as PageGlobals).kiln!;
        const timed = k.evaluate("(define (spin) (spin))\n(spin)", "limits.scm", { ms: 200 });
        const counted = k.evaluate("(let loop ((i 0)) (loop (+ i 1)))", "limits.scm", { steps: 100_000 });
        return { timed, counted, after: k.evaluate("(+ 1 2)").value };
      });
      assert.equal(r.timed.interrupted, "timeout");
      assert.deepEqual(r.timed.position, { file: "limits.scm", line: 1, column: 16 });
      assert.equal(r.counted.interrupted, "steps");
      assert.equal(r.after, "3");
    });

    test("definitions persist from one evaluation to the next", async () => {
      await run("(define counter 41)");
      assert.equal((await run("(set! counter (+ counter 1)) counter")).value, "42");
    });

    test("a Web Worker runs kiln-worker.js, streams output, and Stop ends an infinite loop", async () => {
      const r = await page.evaluate(async () => {
        const g = globalThis as PageGlobals & { Worker: new (url: string) => KilnModule.WorkerLike };
        let out = "";
        const w = new g.Kiln.KilnWorker({ spawn: () => new g.Worker("/browser/kiln-worker.js"), stdout: (t) => { out += t; } });
        const first = await w.run("(import (scheme base) (scheme write)) (display \"from the worker\") (newline) (define kept 6) (* kept 7)");
        const started = Date.now();
        const forever = w.run("(let loop ((i 0)) (loop (+ i 1)))");
        await new Promise((res) => setTimeout(res, 300));
        const how = await w.stop();
        const stopped = await forever;
        const after = await w.run("(+ kept 1)");
        // A program waiting for a promise that never settles stops too, and fetch works in the worker.
        const waiting = w.run("(import (kiln js)) (await (js-new (js-global \"Promise\") (lambda (resolve) #f)))");
        await new Promise((res) => setTimeout(res, 200));
        const howWaiting = await w.stop();
        const waited = await waiting;
        const fetched = await w.run("(import (kiln js)) (await (js-call (await (js-invoke (js-global \"fetch\") \"/test/slow.txt\")) \"text\"))");
        w.terminate();
        return { first, out, how, stopped, after, howWaiting, waited, fetched, ms: Date.now() - started, isolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated };
      });
      assert.equal(r.first.value, "42");
      assert.equal(r.out, "from the worker\n");
      assert.equal(r.stopped.ok, false);
      assert.equal(r.how, "interrupted", "the shared flag stopped the run");
      assert.equal(r.stopped.interrupted, "abort");
      assert.match(r.stopped.error, /^stopped at <program>:1:\d+: evaluation aborted/);
      assert.equal(r.after.value, "7", "the worker keeps its definitions after a Stop");
      assert.equal(r.howWaiting, "interrupted");
      assert.equal(r.waited.interrupted, "abort");
      assert.equal(r.fetched.value, `"slow answer"`);
      assert.equal(r.isolated, true, "the server's COOP/COEP headers make the page cross-origin isolated");
    });

    test("await of fetch against the local server and of a timer; (kiln js) reaches the granted DOM", async () => {
      const r = await page.evaluate(async () => {
        const g = globalThis as PageGlobals & { document: unknown; fetch: (u: string) => Promise<unknown> };
        let out = "";
        const k = g.Kiln.createBrowserKiln({
          stdout: (t) => { out += t; },
          js: { globals: { document: g.document, fetch: g.fetch.bind(g), setTimeout: setTimeout.bind(g), Promise } },
        });
        const started = Date.now();
        const r = await k.evaluateAsync(`(import (scheme base) (scheme write) (kiln js))
          (define (sleep ms)
            (await (js-new (js-global "Promise") (lambda (resolve) (js-invoke (js-global "setTimeout") resolve ms)))))
          (define (fetch-text url) (await (js-call (await (js-invoke (js-global "fetch") url)) "text")))
          (display "before ") (sleep 50) (display "after")
          (define data (await (js-call (await (js-invoke (js-global "fetch") "/test/data.json")) "json")))
          (define slow (fetch-text "/test/slow.txt"))
          (js-set! (js-call (js-global "document") "getElementById" "out") "textContent" (js-ref data "greeting"))
          (define missing
            (guard (e ((error-object? e) (error-object-message e)) (#t e))
              (await (js-call (js-global "Promise") "reject" "no such thing"))))
          (list (js-ref data "greeting") (vector-ref (js-ref data "numbers") 2) slow missing)`, "await.scm");
        return { r, out, ms: Date.now() - started };
      });
      assert.equal(r.r.error, "");
      assert.equal(r.out, "before after");
      assert.match(r.r.value, /^\("hello from the server" 3 "slow answer" ".*no such thing.*"\)$/);
      assert.ok(r.ms >= 150, "the timer and the slow answer were waited for");
      assert.equal(await page.textContent("#out"), "hello from the server");
    });

    test("a sandboxed page runtime reaches only what it was granted", async () => {
      const r = await page.evaluate(() => {
        const k = (globalThis as PageGlobals).Kiln.createBrowserKiln({ js: { globals: {} } });
        return k.evaluate(`(import (scheme base) (kiln js)) (js-global "document")`, "sandbox.scm");
      });
      assert.equal(r.ok, false);
      assert.match(r.error, /document/);
    });
  });

  describe("the classic script build", () => {
    test("defines Kiln and runs a program", async () => {
      const page = await open(`${fixture.base}test/classic.html`);
      const r = await page.evaluate(() => {
        const g = globalThis as PageGlobals & { kilnLoaded: boolean };
        const k = g.Kiln.createBrowserKiln();
        return { loaded: g.kilnLoaded, value: k.evaluate("(apply + (map (lambda (x) (* x x)) '(1 2 3)))").value };
      });
      await page.close();
      assert.deepEqual(r, { loaded: true, value: "14" });
    });
  });

  describe("the playground", { timeout: 120_000 }, () => {
    /** The playground sets these on <body> (playground.ts): a run is over. */
    const RUN_ENDED = `document.body.dataset.state === "idle" && document.body.dataset.lastResult !== undefined`;
    const hashOf = (source: string) => `#code=${Buffer.from(source, "utf8").toString("base64url")}`;

    /** Open the playground (optionally holding a program), run it, wait for the end of the run. */
    async function runInPlayground(page: Page): Promise<string> {
      await page.click("#run");
      await page.waitForFunction(RUN_ENDED, null, { timeout: 60_000 });
      return (await page.textContent("#output")) ?? "";
    }

    test("an editor with highlighting and bracket matching, the examples, Run, output and JIT statistics; a screenshot", async () => {
      const page = await open(`${fixture.base}`);
      await page.waitForSelector(".cm-editor .cm-content");
      assert.equal(await page.title(), "Kiln playground");
      const examples = await page.locator("#examples option").allTextContents();
      for (const name of ["hello.scm", "nqueens.scm", "generators.scm", "hot-loop.scm"]) assert.ok(examples.includes(name), `example ${name}`);
      // Highlighting: the Scheme mode marks keywords, numbers, comments and strings with classes.
      const tokens = await page.locator(".cm-content .cm-line span[class]").evaluateAll(
        (spans) => spans.map((s) => [s.textContent, s.getAttribute("class")]));
      const classOf = (text: string) => tokens.find(([t]) => t === text)?.[1];
      assert.ok(classOf("define") && classOf("25") && classOf('"fib(25) = "'), `not highlighted: ${JSON.stringify(tokens)}`);
      assert.equal(new Set([classOf("define"), classOf("25"), classOf('"fib(25) = "')]).size, 3, "keywords, numbers and strings differ");
      // Bracket matching: with the cursor after a closing parenthesis, both brackets are marked.
      await page.click(".cm-content");
      await page.keyboard.press("Control+End");
      await page.keyboard.press("ArrowUp");
      await page.keyboard.press("End");
      assert.equal(await page.locator(".cm-matchingBracket").count(), 2);

      await page.selectOption("#examples", "hot-loop.scm");
      const out = await runInPlayground(page);
      assert.match(out, /longest Collatz chain below 100000: \(77031 350\)/);
      const compiled = Number(await page.textContent("#stat-compiled"));
      assert.ok(compiled > 0, "procedures compiled shown");
      assert.match((await page.textContent("#stat-compile-ms")) ?? "", /^\d+\.\d ms$/);

      await page.selectOption("#examples", "nqueens.scm");
      assert.match(await runInPlayground(page), /Q/);
      await page.screenshot({ path: join(outputDir(), "playground.png") });
      await page.close();
    });

    test("await in the playground: the fetch example waits for a timer and the network", async () => {
      const page = await open(`${fixture.base}`);
      await page.waitForSelector(".cm-editor");
      await page.selectOption("#examples", "fetch.scm");
      const out = await runInPlayground(page);
      assert.match(out, /waiting half a second\.\.\. done\nindex\.html is \d+ characters long/);
      await page.close();
    });

    test("an error shows its message and highlights its line", async () => {
      const page = await open(`${fixture.base}${hashOf("(import (scheme base))\n(define v (vector 1 2 3))\n\n(vector-ref v 10)\n")}`);
      await page.waitForSelector(".cm-editor");
      const out = await runInPlayground(page);
      assert.match(out, /playground\.scm:4:1: .*vector-ref/);
      const errorLines = page.locator(".cm-line.cm-error-line");
      assert.equal(await errorLines.count(), 1);
      assert.equal((await errorLines.textContent())?.trim(), "(vector-ref v 10)");
      await page.screenshot({ path: join(outputDir(), "playground-error.png") });
      await page.close();
    });

    test("Share puts the program in the address, and the address brings it back", async () => {
      const program = ";; shared λ\n(display \"shared ✓\")\n";
      const page = await open(`${fixture.base}${hashOf(program)}`);
      await page.waitForSelector(".cm-editor");
      assert.equal(await page.evaluate(() => (globalThis as PageGlobals).playground.source()), program);
      await page.evaluate(() => {
        const g = globalThis as PageGlobals & { playground: { setSource(s: string): void } };
        g.playground.setSource("(+ 1 2)");
      });
      await page.click("#share");
      const url = page.url();
      assert.match(url, /#code=[A-Za-z0-9_-]+$/);
      const again = await open(url);
      await again.waitForSelector(".cm-editor");
      assert.equal(await again.evaluate(() => (globalThis as PageGlobals).playground.source()), "(+ 1 2)");
      assert.match(await runInPlayground(again), /⇒ 3/);
      await Promise.all([page.close(), again.close()]);
    });

    test("Stop ends an infinite loop, and the next Run works", async () => {
      const page = await open(`${fixture.base}${hashOf("(import (scheme base) (scheme write))\n(let loop ((i 0))\n  (when (= 0 (remainder i 100000)) (display i) (newline))\n  (loop (+ i 1)))\n")}`);
      await page.waitForSelector(".cm-editor");
      await page.click("#run");
      await page.waitForFunction(`/\\d\\n\\d+/.test(document.getElementById("output").textContent)`, null, { timeout: 30_000 });
      assert.equal(await page.isDisabled("#run"), true);
      await page.click("#stop");
      await page.waitForFunction(RUN_ENDED, null, { timeout: 10_000 });
      assert.equal(await page.textContent("#status"), "stopped");
      await page.evaluate(() => (globalThis as PageGlobals & { playground: { setSource(s: string): void } }).playground.setSource("(* 6 7)"));
      assert.match(await runInPlayground(page), /⇒ 42/);
      await page.close();
    });

    test("works offline from the built files (file://), where Stop restarts the worker", async () => {
      const page = await open(pathToFileURL(join(root, "dist/web/index.html")).href + hashOf("(display (string-append \"off\" \"line\"))"));
      await page.waitForSelector(".cm-editor");
      assert.match(await runInPlayground(page), /offline/);
      // No cross-origin isolation here, hence no shared memory: Stop replaces the worker.
      await page.evaluate(() => (globalThis as PageGlobals & { playground: { setSource(s: string): void } }).playground.setSource("(let loop () (loop))"));
      await page.click("#run");
      await page.waitForTimeout(200);
      await page.click("#stop");
      await page.waitForFunction(RUN_ENDED, null, { timeout: 10_000 });
      assert.equal(await page.textContent("#status"), "stopped (worker restarted)");
      await page.evaluate(() => (globalThis as PageGlobals & { playground: { setSource(s: string): void } }).playground.setSource("(+ 40 2)"));
      assert.match(await runInPlayground(page), /⇒ 42/);
      await page.close();
    });
  });
}
