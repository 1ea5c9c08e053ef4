// checksum: the same computation as bench/checksum.scm, over a Uint8Array.
const size = 1000000;
const data = new Uint8Array(size);
for (let i = 0; i < size; i++) data[i] = (i * 7) % 251;
function sum() {
  let a = 1, b = 0;
  for (let i = 0; i < size; i++) { a = (a + data[i]) % 65521; b = (b + a) % 65521; }
  return b * 65536 + a;
}
let acc = 0;
for (let k = 0; k < 30; k++) acc = (acc + sum()) % 1000000007;
console.log(String(acc));
