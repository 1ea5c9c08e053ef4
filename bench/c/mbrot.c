/* mbrot: the same computation as bench/mbrot.scm (reference only). */
#include <stdio.h>
static long count(double cr, double ci, long max) {
  double zr = 0, zi = 0; long i = 0;
  while (!(i == max || zr * zr + zi * zi > 4.0)) { double nzr = zr * zr - zi * zi + cr; zi = 2.0 * zr * zi + ci; zr = nzr; i++; }
  return i;
}
int main(void) {
  volatile long size = 200, max = 256;
  double step = 3.0 / size; long total = 0;
  for (long y = 0; y < size; y++) for (long x = 0; x < size; x++) total += count(x * step - 2.0, y * step - 1.5, max);
  printf("%ld\n", total);
  return 0;
}
