// deep-lists: the same algorithm as bench/deep-lists.scm (non-tail map, append and filter over
// a 100,000-element list), in plain JS recursion on a thread with a 1 GB stack (deep-stack.js).
import { runDeep, Pair } from "./deep-stack.js";
function myMap(f, l) { return l === null ? null : new Pair(f(l.car), myMap(f, l.cdr)); }
function myAppend(a, b) { return a === null ? b : new Pair(a.car, myAppend(a.cdr, b)); }
function myFilter(p, l) {
  if (l === null) return null;
  if (p(l.car)) return new Pair(l.car, myFilter(p, l.cdr));
  return myFilter(p, l.cdr);
}
function iota(n) { let acc = null; for (let i = n - 1; i >= 0; i--) acc = new Pair(i, acc); return acc; }
function sum(l) { let s = 0; for (; l !== null; l = l.cdr) s += l.car; return s; }
runDeep(import.meta.url, () => {
  const l = iota(100000);
  let total = 0;
  for (let i = 0; i < 100; i++) {
    total = total + sum(myMap((x) => x + 1, l)) + sum(myAppend(l, l)) + sum(myFilter((x) => x % 2 === 0, l));
  }
  console.log(String(total));
});
