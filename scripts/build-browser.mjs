// Build step (part of `npm run build`, hence of `npm install`): Kiln for browsers, with esbuild.
//
//   dist/browser/kiln.mjs        ES module: the embedding API, the browser host, KilnWorker
//   dist/browser/kiln.js         the same as a classic script defining the global `Kiln`
//   dist/browser/kiln-worker.js  the script a Web Worker runs (src/host/browser-worker.ts)
//   dist/browser/size.json       sizes of kiln.mjs: raw (unminified), minified, gzip
//   dist/web/                    the playground (web/), self-contained: works offline
//
// All minified with source maps. The build fails if anything bundled imports a Node module
// (`node:fs`, `fs`, ...): the core reaches the outside world only through the Host interface.
// It also fails when kiln.mjs is over the size budget (gzip), and test/browser checks it again.
import * as esbuild from "esbuild";
import { gzipSync } from "node:zlib";
import { builtinModules } from "node:module";
import { readFileSync, writeFileSync, mkdirSync, readdirSync, copyFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/browser");
const webOut = join(root, "dist/web");
/** The whole runtime with the standard libraries, minified and gzipped, must fit in this. */
export const GZIP_BUDGET = 150 * 1024;

const nodeModules = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Refuse Node's modules: a browser has none, and the core must not depend on them. */
const noNode = {
  name: "no-node-modules",
  setup(build) {
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      if (!nodeModules.has(args.path) && !args.path.startsWith("node:")) return undefined;
      const from = relative(root, args.importer);
      return { errors: [{ text: `${from} imports the Node module "${args.path}": the browser build must not depend on Node` }] };
    });
  },
};

/**
 * The Wasm tier stays out of the browser build (its vectors need shared memory, which a page
 * has only when cross-origin isolated, and it would cost ~15 KB gzip): src/wasm/tier-off.ts
 * takes the place of tier.ts and keeps it off.
 */
const noWasmTier = {
  name: "no-wasm-tier",
  setup(build) {
    build.onResolve({ filter: /\/wasm\/tier\.js$/ }, () => ({ path: join(root, "src/wasm/tier-off.ts") }));
  },
};

/**
 * Nor the code cache's loader and encoder: a page has no precompiled image and no store, so
 * src/cache/code-cache-off.ts, which compiles every unit from source, takes the place of
 * code-cache.ts (about 7 KB gzip).
 */
const noCodeCache = {
  name: "no-code-cache",
  setup(build) {
    build.onResolve({ filter: /\/cache\/code-cache\.js$/ }, () => ({ path: join(root, "src/cache/code-cache-off.ts") }));
  },
};

const common = {
  bundle: true, platform: "browser", target: "es2022", minify: true, sourcemap: true,
  legalComments: "none", logLevel: "warning", plugins: [noNode, noWasmTier, noCodeCache], absWorkingDir: root,
};
const entry = "src/host/browser-bundle.ts";

mkdirSync(out, { recursive: true });
await Promise.all([
  esbuild.build({ ...common, entryPoints: [entry], format: "esm", outfile: join(out, "kiln.mjs") }),
  esbuild.build({ ...common, entryPoints: [entry], format: "iife", globalName: "Kiln", outfile: join(out, "kiln.js") }),
  esbuild.build({ ...common, entryPoints: ["src/host/browser-worker.ts"], format: "iife", outfile: join(out, "kiln-worker.js") }),
]);

// Sizes of the ES module: unminified (built in memory only), minified, minified and gzipped.
const raw = await esbuild.build({ ...common, entryPoints: [entry], format: "esm", minify: false, sourcemap: false, write: false, outdir: out });
const minified = readFileSync(join(out, "kiln.mjs"));
const size = { raw: raw.outputFiles[0].contents.length, minified: minified.length, gzip: gzipSync(minified, { level: 9 }).length, budget: GZIP_BUDGET };
writeFileSync(join(out, "size.json"), JSON.stringify(size, null, 2) + "\n");
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`kiln browser build: dist/browser/kiln.mjs ${kb(size.raw)} raw, ${kb(size.minified)} minified, ` +
  `${kb(size.gzip)} gzip (budget ${kb(GZIP_BUDGET)})`);
if (size.gzip > GZIP_BUDGET) {
  console.error(`kiln browser build: over the size budget by ${kb(size.gzip - GZIP_BUDGET)}`);
  process.exit(1);
}

// The playground: CodeMirror and the page's code in one script, the worker's code and the
// examples embedded in it, so dist/web works from any static server or from the files alone.
const worker = readFileSync(join(out, "kiln-worker.js"), "utf8").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n");
const examples = ["examples", "web/examples"].flatMap((dir) =>
  readdirSync(join(root, dir)).filter((f) => f.endsWith(".scm")).sort()
    .map((name) => ({ name, source: readFileSync(join(root, dir, name), "utf8") })));
const embedded = {
  name: "playground-embedded",
  setup(build) {
    build.onResolve({ filter: /^kiln-embedded:/ }, (args) => ({ path: args.path, namespace: "kiln-embedded" }));
    build.onLoad({ filter: /.*/, namespace: "kiln-embedded" }, (args) => ({
      loader: "js",
      contents: args.path === "kiln-embedded:worker"
        ? `export default ${JSON.stringify(worker)};`
        : `export default ${JSON.stringify(examples)};`,
    }));
  },
};
mkdirSync(webOut, { recursive: true });
await esbuild.build({
  ...common, plugins: [noNode, embedded], entryPoints: ["web/playground.ts"], format: "iife",
  outfile: join(webOut, "playground.js"),
});
for (const f of ["index.html", "style.css"]) copyFileSync(join(root, "web", f), join(webOut, f));
