/* fibfp: the same algorithm as bench/fibfp.scm (reference only). */
#include <stdio.h>
static double fibfp(double n) { return n < 2.0 ? n : fibfp(n - 1.0) + fibfp(n - 2.0); }
int main(void) { printf("%.0f\n", fibfp(32.0)); return 0; }
