// sumfp: the same loop as bench/sumfp.scm.
function sumfp(n) {
  let sum = 0;
  for (let i = n; !(i < 0); i -= 1) sum += i;
  return sum;
}
console.log(String(sumfp(30000000)));
