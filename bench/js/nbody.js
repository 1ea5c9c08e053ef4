// nbody: the same computation as bench/nbody.scm (bodies as arrays [x y z vx vy vz mass]).
const PI = 3.141592653589793, SOLAR_MASS = 4 * PI * PI, DAYS = 365.24;
const body = (x, y, z, vx, vy, vz, m) => [x, y, z, vx * DAYS, vy * DAYS, vz * DAYS, m * SOLAR_MASS];
const bodies = [
  body(0, 0, 0, 0, 0, 0, 1),
  body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
    1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
  body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
    -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
  body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
    2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
  body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
    2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
];
const n = bodies.length;
function offsetMomentum() {
  let px = 0, py = 0, pz = 0;
  for (const b of bodies) { px += b[3] * b[6]; py += b[4] * b[6]; pz += b[5] * b[6]; }
  bodies[0][3] = -(px / SOLAR_MASS); bodies[0][4] = -(py / SOLAR_MASS); bodies[0][5] = -(pz / SOLAR_MASS);
}
function energy() {
  let e = 0;
  for (let i = 0; i < n; i++) {
    const b = bodies[i];
    e += 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5]);
    for (let j = i + 1; j < n; j++) {
      const c = bodies[j], dx = b[0] - c[0], dy = b[1] - c[1], dz = b[2] - c[2];
      e -= (b[6] * c[6]) / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}
function advance(dt) {
  for (let i = 0; i < n; i++) {
    const b = bodies[i];
    for (let j = i + 1; j < n; j++) {
      const c = bodies[j], dx = b[0] - c[0], dy = b[1] - c[1], dz = b[2] - c[2];
      const d2 = dx * dx + dy * dy + dz * dz, mag = dt / (d2 * Math.sqrt(d2));
      const mb = b[6] * mag, mc = c[6] * mag;
      b[3] -= dx * mc; b[4] -= dy * mc; b[5] -= dz * mc;
      c[3] += dx * mb; c[4] += dy * mb; c[5] += dz * mb;
    }
  }
  for (const b of bodies) { b[0] += dt * b[3]; b[1] += dt * b[4]; b[2] += dt * b[5]; }
}
offsetMomentum();
const e0 = energy();
for (let i = 0; i < 200000; i++) advance(0.01);
console.log(`(${Math.round(e0 * 1e9)} ${Math.round(energy() * 1e9)})`);
