// `kiln compile file.scm|file.sld ...`: fill the code cache ahead of time. A program is read,
// expanded and compiled (its imports loaded, and cached too) but not run; a library file is
// loaded by the name its define-library gives, from the folder that name implies
// ((foo bar) in dir/foo/bar.sld is searched from dir), which compiles and caches it. Loading a
// library runs its body, as importing it does.

import { Runtime } from "../api/runtime.js";
import { readAll } from "../reader/reader.js";
import { Value, listToArray, list, intern } from "../runtime/values.js";
import { isIdentifier, baseSymbol } from "../expander/environment.js";
import { libraryKey } from "../expander/libraries.js";

export interface CompileReport { ok: boolean; message: string }

/** The library names a file's define-library forms declare. */
function declaredLibraries(text: string, file: string): Value[] {
  const out: Value[] = [];
  for (const form of readAll(text, file)) {
    const parts = listToArray(form);
    if (parts && parts.length >= 2 && isIdentifier(parts[0]) && baseSymbol(parts[0]).name === "define-library") out.push(parts[1]);
  }
  return out;
}

/** Compile one file into the runtime's code cache. Errors are thrown as when running it. */
export function compileFile(rt: Runtime, file: string, text: string, resolve: (dir: string, rel: string) => string): CompileReport {
  if (file.endsWith(".sld")) {
    const names = declaredLibraries(text, file);
    if (names.length === 0) return { ok: false, message: `${file}: no define-library form` };
    for (const name of names) {
      const key = libraryKey(name);
      const rel = key === null ? null : key.split(" ").join("/") + ".sld";
      const abs = resolve(".", file);
      if (rel === null || !abs.endsWith("/" + rel)) return { ok: false, message: `${file}: library ${String(key)} would be looked for as ${rel}, not in this file` };
      rt.libraries.addSearchDirectory(abs.slice(0, abs.length - rel.length - 1));
      rt.evalForms([list(intern("import"), name)], rt.newTopLevel("compile"));
    }
    return { ok: true, message: `${file}: ${names.length} librar${names.length === 1 ? "y" : "ies"} compiled` };
  }
  rt.libraries.setProgramFile(file);
  rt.compileProgram(text, file, rt.newTopLevel());
  return { ok: true, message: `${file}: compiled` };
}
