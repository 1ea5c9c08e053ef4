// ack: the same algorithm as bench/ack.scm.
function ack(m, n) {
  if (m === 0) return n + 1;
  if (n === 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
function repeat(n) {
  let result = 0;
  for (let i = 0; i < n; i++) result = ack(3, 6);
  return result;
}
console.log(`${repeat(500)} ${ack(2, 9)}`);
