// Build step (last in `npm run build`): the `kiln` command as two single CommonJS files with
// V8 code caches, so that start-up compiles two scripts from cached code instead of resolving
// and compiling some eighty ES modules on each thread (docs/cache.md, "Start-up").
//
//   dist/cli/kiln-main.cjs     the launcher (src/cli/launch.ts) for the main thread; the REPL's
//                              terminal half and --no-worker stay ES modules, imported on demand
//   dist/cli/kiln-worker.cjs   the runtime worker (src/cli/worker-entry.ts): the whole runtime
//   dist/cli/kiln-loader.cjs   loads a bundle through its code cache (scripts/cli-loader.cjs)
//   dist/cli/kiln-worker-start.cjs  the worker's entry file: the loader, else the ES modules
//
// The code caches (<bundle>.v8) are made by running a small program through bin/kiln.js with
// KILN_WRITE_CODE_CACHE=1, so they hold the functions a run compiles, not only the top level.
// `import.meta.url` in a module becomes that module's own file URL under dist/src, computed at
// run time, so files found relative to a module (package.json) are found from the bundle too.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const out = join(dist, "cli");
mkdirSync(out, { recursive: true });

/** A file URL, computed at run time, for `file` under dist/ (the bundles live in dist/cli/). */
const urlOf = (file) => `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(relative(out, file).split("\\").join("/"))})).href`;

/**
 * `import.meta.url` becomes the module's own URL under dist/src. In the launcher, the import()
 * of the modules only the REPL and --no-worker use stays an import of the ES module, through
 * `__import`, a function the loader passes in (an import() compiled from V8's code cache loses
 * Node's dynamic-import callback on Node 20).
 */
const rewrite = {
  name: "rewrite",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      let text = readFileSync(args.path, "utf8");
      const launcher = /[\\/]cli[\\/]launch\.js$/.test(args.path);
      if (!text.includes("import.meta.url") && !launcher) return undefined;
      if (launcher) text = text.replace(/\bimport\("(\.\/[\w-]+\.js)"\)/g, (_, spec) => `__import(${urlOf(join(dirname(args.path), spec))})`);
      return { contents: text.split("import.meta.url").join(urlOf(args.path)), loader: "js" };
    });
  },
};

/** The worker bundle reads the precompiled image from its binary file (precompile.mjs), not base64 text. */
const imageFile = {
  name: "image-file",
  setup(b) {
    b.onLoad({ filter: /generated[\\/]precompiled\.js$/ }, () => ({
      contents: "export const PRECOMPILED = require(\"node:fs\").readFileSync(require(\"node:path\").join(__dirname, \"../src/lib/generated/precompiled.bin\"));\n",
      loader: "js",
    }));
  },
};

const common = {
  bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning",
  minifyWhitespace: true, minifySyntax: true,
};
await build({ ...common, entryPoints: [join(dist, "src/cli/launch.js")], outfile: join(out, "kiln-main.cjs"), plugins: [rewrite] });
await build({ ...common, entryPoints: [join(dist, "src/cli/worker-entry.js")], outfile: join(out, "kiln-worker.cjs"), plugins: [imageFile, rewrite] });
copyFileSync(join(root, "scripts/cli-loader.cjs"), join(out, "kiln-loader.cjs"));
writeFileSync(join(out, "kiln-worker-start.cjs"),
  "// The runtime worker's entry (scripts/bundle-cli.mjs): the bundle through its code cache, else the ES modules.\n" +
  "\"use strict\";\n" +
  "if (require(\"./kiln-loader.cjs\").load(\"kiln-worker\") === null) import(\"../src/cli/worker-entry.js\");\n");

// The old caches go first: V8 accepts cached data whose source has the same length (its only
// source check), so a rebuild that changed a same-length constant (the build id) would warm up
// from, and write back, the previous build's code.
for (const name of ["kiln-main", "kiln-worker"]) rmSync(join(out, `${name}.cjs.v8`), { force: true });
const warm = mkdtempSync(join(tmpdir(), "kiln-warm-"));
writeFileSync(join(warm, "warm.scm"), "(import (scheme base) (scheme write) (srfi 1))\n(display (fold + 0 (iota 10)))\n");
const r = spawnSync(process.execPath, [join(root, "bin/kiln.js"), join(warm, "warm.scm")],
  { env: { ...process.env, KILN_WRITE_CODE_CACHE: "1", KILN_CACHE_DIR: join(warm, "cache") }, encoding: "utf8" });
rmSync(warm, { recursive: true, force: true });
if (r.status !== 0 || r.stdout !== "45") {
  console.error(`bundle-cli: warming the CLI's code cache failed (${r.status}): ${r.stdout}${r.stderr}`);
  process.exit(1);
}
console.log("bundle-cli: dist/cli/kiln-main.cjs and kiln-worker.cjs, with V8 code caches");
