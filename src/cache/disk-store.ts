// The code cache on disk (Node): one file per entry, `<dir>/<key>.kc`, in the folder given by
// KILN_CACHE_DIR, else $XDG_CACHE_HOME/kiln, else ~/.cache/kiln. Writes go to a temporary
// file in the same folder and are renamed into place, so a reader sees a whole entry or none,
// and two processes writing the same entry both succeed (the last rename wins; both wrote the
// same bytes). Every failure (read-only folder, full disk, a missing home) just means no cache.

import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import { CodeStore } from "./store.js";

// node:crypto costs milliseconds to load: only runs that use the cache pay for it.
let crypto: typeof import("node:crypto") | null = null;
const lazyCrypto = (): typeof import("node:crypto") => (crypto ??= createRequire(import.meta.url)("node:crypto"));

/** The cache folder the environment asks for. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KILN_CACHE_DIR) return env.KILN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "kiln");
  return join(homedir(), ".cache", "kiln");
}

const KEY = /^[0-9a-f]{16,128}$/;

export function diskStore(dir: string = defaultCacheDir()): CodeStore {
  let made = false;
  return {
    read(key) {
      if (!KEY.test(key)) return null;
      // A plain view, not a Buffer: views into it (subarray) are much cheaper to make.
      try { const b = readFileSync(join(dir, `${key}.kc`)); return new Uint8Array(b.buffer, b.byteOffset, b.byteLength); } catch { return null; }
    },
    write(key, bytes) {
      if (!KEY.test(key)) return;
      const tmp = join(dir, `${key}.${process.pid}.${lazyCrypto().randomBytes(6).toString("hex")}.tmp`);
      try {
        if (!made) { mkdirSync(dir, { recursive: true }); made = true; }
        writeFileSync(tmp, bytes);
        renameSync(tmp, join(dir, `${key}.kc`));
      } catch {
        try { unlinkSync(tmp); } catch { /* never written */ }
      }
    },
    remove(key) {
      if (!KEY.test(key)) return;
      try { unlinkSync(join(dir, `${key}.kc`)); } catch { /* already gone */ }
    },
    hash: (text) => lazyCrypto().createHash("sha256").update(text).digest("hex"),
    readFile(path) { try { return readFileSync(path, "utf8"); } catch { return null; } },
  };
}
