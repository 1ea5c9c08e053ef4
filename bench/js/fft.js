// fft: the same computation as bench/fft.scm (same operation order, so the same flonums).
const pi = 4 * Math.atan(1);
function fft(re, im, inverse) {
  const n = re.length;
  for (let i = 0, j = 0; i < n; ) {
    if (i < j) {
      const tr = re[i], ti = im[i];
      re[i] = re[j]; im[i] = im[j];
      re[j] = tr; im[j] = ti;
    }
    let m = Math.floor(n / 2);
    while (m >= 1 && j >= m) { j -= m; m = Math.floor(m / 2); }
    i += 1; j += m;
  }
  for (let len = 2; len <= n; len *= 2) {
    const ang = ((inverse ? 2 : -2) * pi) / len;
    const wr = Math.cos(ang), wi = Math.sin(ang);
    const half = len / 2;
    for (let start = 0; start < n; start += len) {
      let ur = 1, ui = 0;
      for (let k = 0; k < half; k++) {
        const a = start + k, b = a + half;
        const br = re[b], bi = im[b];
        const tr = ur * br - ui * bi;
        const ti = ur * bi + ui * br;
        const ar = re[a], ai = im[a];
        re[b] = ar - tr; im[b] = ai - ti;
        re[a] = ar + tr; im[a] = ai + ti;
        const nur = ur * wr - ui * wi;
        ui = ur * wi + ui * wr;
        ur = nur;
      }
    }
  }
  if (inverse) for (let i = 0; i < n; i++) { re[i] = re[i] / n; im[i] = im[i] / n; }
}
function roundHalfEven(x) {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
function run(n, times) {
  const re = new Array(n), im = new Array(n);
  for (let i = 0; i < n; i++) { re[i] = (i * 7) % 13; im[i] = 0; }
  let check = 0;
  for (let t = 0; t < times; t++) {
    fft(re, im, false);
    let energy = 0;
    for (let i = 0; i < n; i++) energy = energy + re[i] * re[i] + im[i] * im[i];
    fft(re, im, true);
    check = check + energy / n;
  }
  return check;
}
console.log(String(roundHalfEven(run(16384, 10))));
