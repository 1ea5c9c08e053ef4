// axpy-f64: the same computation as bench/axpy-f64.scm.
const n = 100000;
const x = new Float64Array(n), y = new Float64Array(n), z = new Float64Array(n);
for (let i = 0; i < n; i++) { x[i] = ((i * 7) % 101) / 10; y[i] = ((i * 13) % 97) / 100; }
for (let k = 0; k < 1000; k++) {
  for (let i = 0; i < n; i++) y[i] = 0.5 * x[i] + y[i];
  for (let i = 0; i < n; i++) y[i] = y[i] * 0.5;
  for (let i = 0; i < n; i++) z[i] = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
}
let s = 0;
for (let i = 0; i < n; i++) s += z[i];
console.log(String(Math.round(1000 * s)));
