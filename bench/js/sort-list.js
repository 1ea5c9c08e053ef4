// sort-list: the same algorithm as bench/sort-list.scm (merge sort of a list written by hand,
// non-tail recursion over long lists), in plain JS recursion on a thread with a 1 GB stack.
import { runDeep, Pair } from "./deep-stack.js";
function randomList(n, seed) {
  let acc = null, x = seed;
  // (x * 1103515245 + 12345) mod 2^31: the low 31 bits of the 32-bit product, exact (a double would not be).
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff; acc = new Pair(x >>> 16, acc); }
  return acc;
}
// (values a b) as a two-element array.
function split(l) {
  if (l === null || l.cdr === null) return [l, null];
  const [a, b] = split(l.cdr.cdr);
  return [new Pair(l.car, a), new Pair(l.cdr.car, b)];
}
function merge(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  if (b.car < a.car) return new Pair(b.car, merge(a, b.cdr));
  return new Pair(a.car, merge(a.cdr, b));
}
function mergeSort(l) {
  if (l === null || l.cdr === null) return l;
  const [a, b] = split(l);
  return merge(mergeSort(a), mergeSort(b));
}
function checksum(l) {
  let i = 1, s = 0;
  for (; l !== null; l = l.cdr, i++) s = (s + i * l.car) % 1000000007;
  return s;
}
runDeep(import.meta.url, () => {
  let acc = 0;
  for (let k = 4; k > 0; k--) acc += checksum(mergeSort(randomList(100000, k)));
  console.log(String(acc));
});
