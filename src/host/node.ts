// The Node.js host: files, clock, environment and standard streams through node's modules.
// Output is written synchronously so that nothing is lost when the process exits; standard
// input is read synchronously a chunk at a time (`readStdinChunk`), so a program reading a
// terminal sees each line as it is entered and a program reading a pipe or file sees it all.

import { appendFileSync, existsSync, readFileSync, readSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Host } from "./host.js";
import { systemErrorReason } from "../runtime/errors.js";

export function nodeHost(commandLine: string[]): Host {
  return {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    readFile: (path) => { try { return readFileSync(path, "utf8"); } catch { return null; } },
    readFileBytes: (path) => {
      try { return new Uint8Array(readFileSync(path)); } catch (e) { throw fileFailure(e); }
    },
    writeFileBytes: (path, bytes, append) => {
      try {
        if (append) appendFileSync(path, bytes);
        else writeFileSync(path, bytes);
        return true;
      } catch (e) { throw fileFailure(e); }
    },
    fileExists: (path) => existsSync(path),
    deleteFile: (path) => {
      try { unlinkSync(path); return true; } catch (e) { throw fileFailure(e); }
    },
    monotonicMs: () => performance.now(),
    wallSeconds: () => Date.now() / 1000,
    commandLine: () => commandLine,
    env: () => process.env as Record<string, string>,
    resolvePath: (dir, file) => resolve(dir, file),
    dirname: (p) => dirname(p),
  };
}

/** An Error saying why a file operation failed, without node's code and path decoration. */
function fileFailure(e: unknown): Error {
  return new Error(systemErrorReason(e) ?? String((e as Error | null)?.message ?? e));
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

/** All of standard input as text ("" when there is none). */
export function readStdinSync(): string {
  try { return readFileSync(0, "utf8"); } catch { return ""; }
}

/**
 * A reader of standard input in pieces: each call blocks until some input is available and
 * returns it as text, or returns null at end of input (or when there is no standard input).
 * UTF-8 sequences split between reads are decoded whole. `readBytes` reads fd 0 (on a runtime
 * worker: through the host thread, src/host/worker/stdin-relay.ts).
 */
export function readStdinChunk(readBytes: (buf: Uint8Array) => number = (buf) => readSync(0, buf, 0, buf.length, null)): () => string | null {
  const decoder = new TextDecoder("utf-8");
  const buf = Buffer.alloc(1 << 16);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let done = false;
  return () => {
    while (!done) {
      let n = 0;
      try {
        n = readBytes(buf);
      } catch (e) {
        if (!(e instanceof Error && "code" in e)) throw e;  // an interrupt, not an I/O error
        const code = (e as NodeJS.ErrnoException).code;
        // A non-blocking descriptor with nothing yet: wait a little and try again.
        if (code === "EAGAIN") { Atomics.wait(pause, 0, 0, 5); continue; }
        n = 0;   // EOF (Windows), EBADF (closed), EISDIR...: no more input
      }
      if (n === 0) {
        done = true;
        const tail = decoder.decode();
        return tail === "" ? null : tail;
      }
      const text = decoder.decode(buf.subarray(0, n), { stream: true });
      if (text !== "") return text;
    }
    return null;
  };
}
