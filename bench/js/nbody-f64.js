// nbody-f64: the same computation as bench/nbody-f64.scm, over Float64Arrays.
const pi = 3.141592653589793, solarMass = 4 * pi * pi, dpy = 365.24, n = 5;
const xs = Float64Array.of(0, 4.84143144246472090e+00, 8.34336671824457987e+00, 1.28943695621391310e+01, 1.53796971148509165e+01);
const ys = Float64Array.of(0, -1.16032004402742839e+00, 4.12479856412430479e+00, -1.51111514016986312e+01, -2.59193146099879641e+01);
const zs = Float64Array.of(0, -1.03622044471123109e-01, -4.03523417114321381e-01, -2.23307578892655734e-01, 1.79258772950371181e-01);
const vxs = Float64Array.of(0, 1.66007664274403694e-03 * dpy, -2.76742510726862411e-03 * dpy, 2.96460137564761618e-03 * dpy, 2.68067772490389322e-03 * dpy);
const vys = Float64Array.of(0, 7.69901118419740425e-03 * dpy, 4.99852801234917238e-03 * dpy, 2.37847173959480950e-03 * dpy, 1.62824170038242295e-03 * dpy);
const vzs = Float64Array.of(0, -6.90460016972063023e-05 * dpy, 2.30417297573763929e-05 * dpy, -2.96589568540237556e-05 * dpy, -9.51592254519715870e-05 * dpy);
const ms = Float64Array.of(solarMass, 9.54791938424326609e-04 * solarMass, 2.85885980666130812e-04 * solarMass, 4.36624404335156298e-05 * solarMass, 5.15138902046611451e-05 * solarMass);
let px = 0, py = 0, pz = 0;
for (let i = 0; i < n; i++) { px += vxs[i] * ms[i]; py += vys[i] * ms[i]; pz += vzs[i] * ms[i]; }
vxs[0] = -px / solarMass; vys[0] = -py / solarMass; vzs[0] = -pz / solarMass;
function advance(dt) {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    const dx = xs[i] - xs[j], dy = ys[i] - ys[j], dz = zs[i] - zs[j];
    const d2 = dx * dx + dy * dy + dz * dz, mag = dt / (d2 * Math.sqrt(d2));
    const mi = ms[i] * mag, mj = ms[j] * mag;
    vxs[i] -= dx * mj; vys[i] -= dy * mj; vzs[i] -= dz * mj;
    vxs[j] += dx * mi; vys[j] += dy * mi; vzs[j] += dz * mi;
  }
  for (let i = 0; i < n; i++) { xs[i] += dt * vxs[i]; ys[i] += dt * vys[i]; zs[i] += dt * vzs[i]; }
}
function energy() {
  let e = 0;
  for (let i = 0; i < n; i++) {
    e += 0.5 * ms[i] * (vxs[i] * vxs[i] + vys[i] * vys[i] + vzs[i] * vzs[i]);
    for (let j = i + 1; j < n; j++) {
      const dx = xs[i] - xs[j], dy = ys[i] - ys[j], dz = zs[i] - zs[j];
      e -= ms[i] * ms[j] / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}
console.log(String(Math.round(energy() * 1e9)));
for (let k = 0; k < 400000; k++) advance(0.01);
console.log(String(Math.round(energy() * 1e9)));
