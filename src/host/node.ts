// The Node.js host: files, clock, environment and standard streams through node's modules.
// Output is written synchronously so that nothing is lost when the process exits.

import { readFileSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Host } from "./host.js";

export function nodeHost(commandLine: string[]): Host {
  return {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    readFile: (path) => { try { return readFileSync(path, "utf8"); } catch { return null; } },
    monotonicMs: () => performance.now(),
    wallSeconds: () => Date.now() / 1000,
    commandLine: () => commandLine,
    env: () => process.env as Record<string, string>,
    resolvePath: (dir, file) => resolve(dir, file),
    dirname: (p) => dirname(p),
  };
}

function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  while (off < buf.length) {
    try { off += writeSync(fd, buf, off); }
    catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EPIPE") process.exit(0);  // the reader went away (e.g. `| head`): stop quietly
      if (code !== "EAGAIN") throw e;
    }
  }
}

export function readStdinSync(): string {
  try { return readFileSync(0, "utf8"); } catch { return ""; }
}
