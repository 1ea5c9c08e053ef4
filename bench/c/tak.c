/* tak: the same algorithm as bench/tak.scm (reference only). */
#include <stdio.h>
static long tak(long x, long y, long z) { return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z; }
int main(void) {
  volatile long x0 = 18, y0 = 12, z0 = 6;  /* so the repeated calls are not folded */
  long r = 0;
  for (int i = 0; i < 1000; i++) r = tak(x0, y0, z0);
  printf("%ld\n", r);
  return 0;
}
