// tak: the same algorithm as bench/tak.scm.
function tak(x, y, z) {
  if (!(y < x)) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}
function repeat(n) {
  let result = 0;
  for (let i = 0; i < n; i++) result = tak(18, 12, 6);
  return result;
}
console.log(String(repeat(1000)));
