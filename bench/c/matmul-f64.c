/* matmul-f64: the same computation as bench/matmul-f64.scm (reference only). */
#include <stdio.h>
#include <math.h>
#define N 200
static double a[N * N], b[N * N], c[N * N];
int main(void) {
  for (int k = 0; k < N * N; k++) { a[k] = ((k / N) * 31 + (k % N) * 17 + 1) % 97 / 10.0; b[k] = ((k / N) * 31 + (k % N) * 17 + 2) % 97 / 10.0; }
  double acc = 0;
  for (int r = 0; r < 5; r++) {
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { double s = 0; for (int k = 0; k < N; k++) s += a[i * N + k] * b[k * N + j]; c[i * N + j] = s; }
    double t = 0; for (int i = 0; i < N; i++) t += c[i * N + i];
    acc += t;
  }
  printf("%.0f\n", round(acc));
  return 0;
}
