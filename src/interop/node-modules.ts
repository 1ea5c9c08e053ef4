// What (kiln js) reaches under Node when nothing is held back (the kiln command, and
// createRuntime({ access: "node" })): every global, and Node's modules through js-import,
// loaded synchronously with require (builtins as "node:fs", packages from the current directory).

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { JsOptions } from "./interop.js";

export function nodeJsOptions(): JsOptions {
  // Packages resolve from the current directory, as `node -e` does.
  const require = createRequire(pathToFileURL(process.cwd() + "/").href);
  return { full: true, requireModule: (specifier) => require(specifier) };
}
