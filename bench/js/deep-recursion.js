// deep-recursion: the same algorithm as bench/deep-recursion.scm (non-tail recursion 1,000,000
// deep), in plain JS recursion on a thread with a 1 GB stack (deep-stack.js).
import { runDeep, Pair } from "./deep-stack.js";
function build(n) { return n === 0 ? null : new Pair(n, build(n - 1)); }
function sum(l) { return l === null ? 0 : l.car + sum(l.cdr); }
function countUp(n) { return n === 0 ? 0 : 1 + countUp(n - 1); }
runDeep(import.meta.url, () => {
  let total = 0;
  for (let i = 0; i < 5; i++) total = total + sum(build(1000000)) + countUp(1000000);
  console.log(String(total));
});
