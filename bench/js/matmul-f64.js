// matmul-f64: the same computation as bench/matmul-f64.scm.
const n = 200;
const a = new Float64Array(n * n), b = new Float64Array(n * n), c = new Float64Array(n * n);
for (let k = 0; k < n * n; k++) {
  a[k] = ((Math.trunc(k / n) * 31 + (k % n) * 17 + 1) % 97) / 10;
  b[k] = ((Math.trunc(k / n) * 31 + (k % n) * 17 + 2) % 97) / 10;
}
let acc = 0;
for (let r = 0; r < 5; r++) {
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
    c[i * n + j] = s;
  }
  let t = 0;
  for (let i = 0; i < n; i++) t += c[i * n + i];
  acc += t;
}
console.log(String(Math.round(acc)));
