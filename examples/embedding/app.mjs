// A small Node program that uses Kiln as its configuration language: the pricing rules live
// in rules.scm, which the shop's staff edit; the application exposes a few functions to them
// (one of them async) and calls the rules for each order. The rules run in a sandbox (no
// files, no process), with a time limit, so a broken rule file cannot hang the shop.
//
//   node examples/embedding/app.mjs        (after npm install, from the repository root)

import { readFileSync } from "node:fs";
import { createRuntime, KilnError } from "kiln-scheme";

const catalog = { "tea": 4.5, "mug": 12, "kettle": 30 };
const customers = { "ada": { since: 2019 }, "alan": { since: 2025 } };
const log = [];

const rules = createRuntime({
  libraries: ["scheme base"],            // the rules need nothing else
  define: {
    "log": (...parts) => { log.push(parts.map(String).join(" ")); },
    "catalog-price": (sku) => {
      if (!(sku in catalog)) throw new Error(`unknown item ${sku}`);
      return catalog[sku];
    },
  },
});
// An async lookup: Scheme calls it like any procedure and waits for the answer.
rules.defineAsync("loyalty-years", async (name) => {
  await new Promise((resolve) => setTimeout(resolve, 5));   // the database is far away
  return 2026 - (customers[name]?.since ?? 2026);
});
const source = readFileSync(new URL("./rules.scm", import.meta.url), "utf8");
rules.evaluate(source, { file: "rules.scm" });

async function price(customer, items) {
  // evaluateAsync: the rules may wait for the database; 200 ms is plenty for any sane rule.
  const call = `(price-order ${JSON.stringify(customer)} '(${items.map(([sku, n]) => `(${JSON.stringify(sku)} . ${n})`).join(" ")}))`;
  return rules.evaluateAsync(call, { timeLimit: 200 });
}

console.log("ada pays", await price("ada", [["tea", 12], ["mug", 1]]));
console.log("alan pays", await price("alan", [["kettle", 1]]));
try {
  await price("alan", [["spoon", 1]]);
} catch (e) {
  // The JS error thrown by catalog-price comes back as itself, with the Scheme backtrace.
  console.log("error:", e.message, "in", e.schemeBacktrace.map((f) => `${f.name} (${f.file}:${f.line})`).join(" <- "));
}
// A rule file with an endless loop is stopped by the time limit.
rules.evaluate("(define (price-order c items) (let loop () (loop)))");
try {
  await price("ada", [["tea", 1]]);
} catch (e) {
  console.log("stopped:", e instanceof KilnError && e.kind, e.message);
}
console.log(log.join("\n"));
