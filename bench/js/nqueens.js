// nqueens: the same algorithm as bench/nqueens.scm (placed rows kept as a linked list).
function ok(row, dist, placed) {
  while (placed !== null) {
    const q = placed.car;
    if (q === row + dist || q === row - dist || q === row) return false;
    dist += 1;
    placed = placed.cdr;
  }
  return true;
}
function queens(size) {
  function tryIt(row, col, placed) {
    if (col > size) return 1;
    if (row > size) return 0;
    return (ok(row, 1, placed) ? tryIt(1, col + 1, { car: row, cdr: placed }) : 0) + tryIt(row + 1, col, placed);
  }
  return tryIt(1, 1, null);
}
let result = 0;
for (let i = 0; i < 1000; i++) result = queens(8);
console.log(String(result));
