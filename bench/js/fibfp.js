// fibfp: the same algorithm as bench/fibfp.scm (JS numbers are doubles).
function fibfp(n) {
  return n < 2 ? n : fibfp(n - 1) + fibfp(n - 2);
}
console.log(String(fibfp(32)));
