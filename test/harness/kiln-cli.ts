// Helpers shared by the harness tests: where the repository is, and how to run the Kiln CLI.
//
// The compiled harness runs from dist/test/harness/, the sources live in test/harness/; either
// way the repository root is the nearest ancestor holding package.json (three levels up from
// the compiled file).

import { spawn, spawnSync, SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Kiln's code cache (docs/cache.md): the suites' CLI runs share one temporary cache folder per
// test process, never the user's ~/.cache/kiln.
if (!process.env.KILN_CACHE_DIR) {
  const cacheDir = mkdtempSync(path.join(tmpdir(), "kiln-test-cache-"));
  process.env.KILN_CACHE_DIR = cacheDir;
  process.on("exit", () => { try { rmSync(cacheDir, { recursive: true, force: true }); } catch { /* already gone */ } });
}

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "src"))) return dir;
    dir = path.dirname(dir);
  }
  // dist/test/harness -> three levels up
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
}

export const repoRoot = findRoot();
export const kilnBin = path.join(repoRoot, "bin", "kiln.js");

/** The CLI is part of the build: a missing bin/kiln.js fails the suites (never a silent skip). */
export function cliMissingReason(): string | false {
  if (!existsSync(kilnBin)) throw new Error(`bin/kiln.js not found under ${repoRoot}`);
  return false;
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

const MAX_BUFFER = 64 * 1024 * 1024;

/** Run `node bin/kiln.js args...` synchronously. */
export function runKilnSync(args: string[], options: { timeoutMs?: number; cwd?: string } = {}): RunResult {
  const start = Date.now();
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [kilnBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: MAX_BUFFER,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout ?? "",
    stderr: (r.stderr ?? "") + (r.error && !timedOut ? `\n[spawn error] ${r.error.message}` : ""),
    timedOut,
    ms: Date.now() - start,
  };
}

/**
 * Run `node bin/kiln.js args...` without blocking the event loop, so that node:test can run
 * several programs at once (spawnSync would serialise them).
 */
export function runKiln(args: string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<RunResult> {
  const start = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [kilnBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let spawnError = "";
    child.stdout.on("data", (b: Buffer) => { if (outLen < MAX_BUFFER) { out.push(b); outLen += b.length; } });
    child.stderr.on("data", (b: Buffer) => { if (errLen < MAX_BUFFER) { err.push(b); errLen += b.length; } });
    const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, options.timeoutMs ?? 120_000);
    child.on("error", (e) => { spawnError = `\n[spawn error] ${e.message}`; });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8") + spawnError,
        timedOut,
        ms: Date.now() - start,
      });
    });
  });
}

/** Every file under dir whose name ends with ext, sorted, as paths relative to repoRoot. */
export function findFiles(dir: string, ext: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(ext)) found.push(path.relative(repoRoot, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** Keep a failure message readable: the head and tail of a long output. */
export function clip(text: string, max = 6000): string {
  if (text.length <= max) return text;
  const half = Math.floor(max / 2);
  return `${text.slice(0, half)}\n[... ${text.length - max} characters omitted ...]\n${text.slice(-half)}`;
}
