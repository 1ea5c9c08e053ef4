/* nbody-f64: the same computation as bench/nbody-f64.scm (reference only). */
#include <stdio.h>
#include <math.h>
#define N 5
static double xs[N] = {0, 4.84143144246472090e+00, 8.34336671824457987e+00, 1.28943695621391310e+01, 1.53796971148509165e+01};
static double ys[N] = {0, -1.16032004402742839e+00, 4.12479856412430479e+00, -1.51111514016986312e+01, -2.59193146099879641e+01};
static double zs[N] = {0, -1.03622044471123109e-01, -4.03523417114321381e-01, -2.23307578892655734e-01, 1.79258772950371181e-01};
static double vxs[N], vys[N], vzs[N], ms[N];
static double energy(void) {
  double e = 0;
  for (int i = 0; i < N; i++) {
    e += 0.5 * ms[i] * (vxs[i] * vxs[i] + vys[i] * vys[i] + vzs[i] * vzs[i]);
    for (int j = i + 1; j < N; j++) { double dx = xs[i] - xs[j], dy = ys[i] - ys[j], dz = zs[i] - zs[j]; e -= ms[i] * ms[j] / sqrt(dx * dx + dy * dy + dz * dz); }
  }
  return e;
}
int main(void) {
  const double pi = 3.141592653589793, sm = 4 * pi * pi, dpy = 365.24;
  double v[3][N] = {{0, 1.66007664274403694e-03, -2.76742510726862411e-03, 2.96460137564761618e-03, 2.68067772490389322e-03},
                    {0, 7.69901118419740425e-03, 4.99852801234917238e-03, 2.37847173959480950e-03, 1.62824170038242295e-03},
                    {0, -6.90460016972063023e-05, 2.30417297573763929e-05, -2.96589568540237556e-05, -9.51592254519715870e-05}};
  double m[N] = {1, 9.54791938424326609e-04, 2.85885980666130812e-04, 4.36624404335156298e-05, 5.15138902046611451e-05};
  for (int i = 0; i < N; i++) { vxs[i] = v[0][i] * dpy; vys[i] = v[1][i] * dpy; vzs[i] = v[2][i] * dpy; ms[i] = m[i] * sm; }
  ms[0] = sm;
  double px = 0, py = 0, pz = 0;
  for (int i = 0; i < N; i++) { px += vxs[i] * ms[i]; py += vys[i] * ms[i]; pz += vzs[i] * ms[i]; }
  vxs[0] = -px / sm; vys[0] = -py / sm; vzs[0] = -pz / sm;
  printf("%.0f\n", round(energy() * 1e9));
  volatile double dt0 = 0.01; double dt = dt0;
  for (int k = 0; k < 400000; k++) {
    for (int i = 0; i < N; i++) for (int j = i + 1; j < N; j++) {
      double dx = xs[i] - xs[j], dy = ys[i] - ys[j], dz = zs[i] - zs[j];
      double d2 = dx * dx + dy * dy + dz * dz, mag = dt / (d2 * sqrt(d2)), mi = ms[i] * mag, mj = ms[j] * mag;
      vxs[i] -= dx * mj; vys[i] -= dy * mj; vzs[i] -= dz * mj; vxs[j] += dx * mi; vys[j] += dy * mi; vzs[j] += dz * mi;
    }
    for (int i = 0; i < N; i++) { xs[i] += dt * vxs[i]; ys[i] += dt * vys[i]; zs[i] += dt * vzs[i]; }
  }
  printf("%.0f\n", round(energy() * 1e9));
  return 0;
}
