// A child process that evaluates programs in the sandboxed embedding, so a test can watch for
// what must never happen to a host: a crash, a V8 fatal error, a hang. It reads a JSON array
// of programs on standard input (given --programs-on-stdin) and writes one JSON line per program: {ok, value, error, ms}.
// Each program gets a fresh instance unless KILN_CHILD_SHARED=1.

import { createKiln } from "../../src/api/index.js";

// `node --test` runs every file under test/: without the flag there is nothing to do.
if (process.argv.includes("--programs-on-stdin")) {
  const chunks: Buffer[] = [];
  process.stdin.on("data", (c: Buffer) => chunks.push(c));
  process.stdin.on("end", () => {
    const programs = JSON.parse(Buffer.concat(chunks).toString("utf8")) as string[];
    const shared = process.env.KILN_CHILD_SHARED === "1" ? createKiln() : null;
    for (const src of programs) {
      const start = Date.now();
      const kiln = shared ?? createKiln();
      const r = kiln.evaluate(src);
      const line = JSON.stringify({ ok: r.ok, value: r.value.slice(0, 2000), error: r.error.slice(0, 2000), ms: Date.now() - start });
      process.stdout.write(line + "\n");
    }
  });
}
