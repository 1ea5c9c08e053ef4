/* sumfp: the same loop as bench/sumfp.scm (reference only). */
#include <stdio.h>
int main(void) {
  volatile double n0 = 30000000.0;
  double sum = 0.0;
  for (double i = n0; !(i < 0.0); i -= 1.0) sum += i;
  printf("%.0f\n", sum);
  return 0;
}
