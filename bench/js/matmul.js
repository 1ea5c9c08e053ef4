// matmul: the same algorithm as bench/matmul.scm (arrays of arrays of doubles).
function makeMatrix(n, seed) {
  const m = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array(n).fill(0.0);
    for (let j = 0; j < n; j++) row[j] = ((i * 31 + j * 17 + seed) % 97) / 10.0;
    m[i] = row;
  }
  return m;
}
function matmul(a, b, n) {
  const c = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array(n).fill(0.0), ai = a[i];
    for (let j = 0; j < n; j++) {
      let sum = 0.0;
      for (let k = 0; k < n; k++) sum += ai[k] * b[k][j];
      row[j] = sum;
    }
    c[i] = row;
  }
  return c;
}
function trace(m, n) { let s = 0.0; for (let i = 0; i < n; i++) s += m[i][i]; return s; }
const n = 160, a = makeMatrix(n, 1), b = makeMatrix(n, 2);
let acc = 0.0;
for (let k = 0; k < 6; k++) acc += trace(matmul(a, b, n), n);
console.log(String(Math.round(acc)));
