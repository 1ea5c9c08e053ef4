/* checksum: the same computation as bench/checksum.scm (reference only). */
#include <stdio.h>
#define SIZE 1000000
static unsigned char data[SIZE];
int main(void) {
  for (long i = 0; i < SIZE; i++) data[i] = (i * 7) % 251;
  long acc = 0;
  for (int k = 0; k < 30; k++) {
    long a = 1, b = 0;
    for (long i = 0; i < SIZE; i++) { a = (a + data[i]) % 65521; b = (b + a) % 65521; }
    acc = (acc + b * 65536 + a) % 1000000007;
  }
  printf("%ld\n", acc);
  return 0;
}
