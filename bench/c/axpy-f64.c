/* axpy-f64: the same computation as bench/axpy-f64.scm (reference only). */
#include <stdio.h>
#include <math.h>
#define N 100000
static double x[N], y[N], z[N];
int main(void) {
  for (int i = 0; i < N; i++) { x[i] = (double)((i * 7) % 101) / 10.0; y[i] = (double)((i * 13) % 97) / 100.0; }
  for (int k = 0; k < 1000; k++) {
    for (int i = 0; i < N; i++) y[i] = 0.5 * x[i] + y[i];
    for (int i = 0; i < N; i++) y[i] = y[i] * 0.5;
    for (int i = 0; i < N; i++) z[i] = sqrt(x[i] * x[i] + y[i] * y[i]);
  }
  double s = 0;
  for (int i = 0; i < N; i++) s += z[i];
  printf("%.0f\n", round(1000.0 * s));
  return 0;
}
