// docs/reference.md cannot drift from the builtin tables: every (kiln ...) library and each
// of its exports, and every name the core environment binds beyond the (scheme ...)
// libraries, is documented there; every documented name exists; every SRFI it lists exists.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Runtime } from "../../src/api/runtime.js";
import { sandboxHost } from "../../src/host/sandbox.js";
import { STANDARD_LIBRARY_EXPORTS } from "../../src/expander/standard-libraries.js";
import { Sym, arrayToList, intern } from "../../src/runtime/values.js";
import { LIBRARY_FILES } from "../../src/lib/generated/prelude.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const doc = readFileSync(path.join(root, "docs/reference.md"), "utf8");

/** Names in the first column of the tables: `(name args)` or `name`. */
const documented = new Set([...doc.matchAll(/^\| `\(?([^\s`()]+)/gm)].map((m) => m[1]));

const kilnLibraries = Object.keys(STANDARD_LIBRARY_EXPORTS).filter((k) => k.startsWith("kiln "));
const standardNames = new Set(Object.entries(STANDARD_LIBRARY_EXPORTS).filter(([k]) => k.startsWith("scheme ")).flatMap(([, v]) => v));

/** What the built-in `(kiln ...)` library files (src/lib/libraries/kiln/*.sld) export. */
function builtinKilnLibraryExports(): string[] {
  const rt = new Runtime(sandboxHost());
  return Object.keys(LIBRARY_FILES).filter((f) => f.startsWith("kiln/")).flatMap((f) => {
    const name = arrayToList(f.replace(/\.sld$/, "").split("/").map((p) => intern(p)));
    return [...rt.libraries.get(name, null).exports.keys()].map((s) => s.name);
  });
}

function coreExtras(): string[] {
  const rt = new Runtime(sandboxHost());
  return [...rt.core.map.keys()]
    .filter((id): id is Sym => id instanceof Sym)
    .map((s) => s.name)
    .filter((n) => !n.startsWith("%") && !n.startsWith("<") && !standardNames.has(n));
}

test("every (kiln ...) library and export is in docs/reference.md", () => {
  assert.ok(kilnLibraries.length >= 2);
  for (const lib of kilnLibraries) {
    assert.ok(doc.includes(`## Library \`(${lib})\``), `docs/reference.md has a section for (${lib})`);
    for (const name of STANDARD_LIBRARY_EXPORTS[lib]) assert.ok(documented.has(name), `(${lib}) ${name} is documented`);
  }
});

test("every name bound at top level beyond R7RS is in docs/reference.md, and nothing else", () => {
  const extras = coreExtras();
  for (const name of extras) assert.ok(documented.has(name), `${name} (bound in the core environment) is documented`);
  const known = new Set([...extras, ...kilnLibraries.flatMap((l) => STANDARD_LIBRARY_EXPORTS[l]), ...builtinKilnLibraryExports()]);
  for (const name of documented) assert.ok(known.has(name), `documented ${name} exists`);
});

test("every SRFI docs/reference.md lists exists", () => {
  const list = /Imported as `\(srfi N\)`: ([\d, \n]+)/.exec(doc);
  assert.ok(list, "the SRFI list");
  for (const n of list[1].split(/[,\s]+/).filter(Boolean)) {
    assert.ok(existsSync(path.join(root, "src/lib/libraries/srfi", `${n}.sld`)), `(srfi ${n}) exists`);
  }
});

test("docs/cli.md shows kiln --help as it is, every meta-command and every warning", async () => {
  const { helpText } = await import("../../src/cli/options.js");
  const { META_COMMANDS } = await import("../../src/cli/meta-commands.js");
  const { WARNINGS } = await import("../../src/compiler/warning-names.js");
  const cli = readFileSync(path.join(root, "docs/cli.md"), "utf8");
  assert.ok(cli.includes("```\n" + helpText() + "```"), "docs/cli.md holds the current `kiln --help` (paste it again)");
  for (const c of META_COMMANDS) assert.ok(cli.includes(`| \`,${c.name}`), `docs/cli.md lists ,${c.name}`);
  for (const w of Object.keys(WARNINGS)) assert.ok(cli.includes(`| \`${w}\``), `docs/cli.md lists the warning ${w}`);
});
