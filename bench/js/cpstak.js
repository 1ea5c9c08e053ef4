// cpstak: the same algorithm as bench/cpstak.scm (continuation-passing tak: a closure per call,
// every call a tail call). JS has no proper tail calls, so a tail call is a direct JS call while
// fewer than 256 are nested and otherwise returns to a trampoline, as Kiln's native code does.
const MAX_NESTED = 256;
let nested = 0;
class Bounce { constructor(k, v, args) { this.k = k; this.v = v; this.args = args; } }
function callK(k, v) {
  if (nested < MAX_NESTED) { nested++; const r = k(v); nested--; return r; }
  return new Bounce(k, v, null);
}
function callTak(x, y, z, k) {
  if (nested < MAX_NESTED) { nested++; const r = tak(x, y, z, k); nested--; return r; }
  return new Bounce(null, 0, [x, y, z, k]);
}
function tak(x, y, z, k) {
  if (!(y < x)) return callK(k, z);
  return callTak(x - 1, y, z, (v1) =>
    callTak(y - 1, z, x, (v2) =>
      callTak(z - 1, x, y, (v3) => callTak(v1, v2, v3, k))));
}
function cpstak(x, y, z) {
  let r = tak(x, y, z, (a) => a);
  while (r instanceof Bounce) { nested = 0; r = r.args === null ? r.k(r.v) : tak(...r.args); }
  return r;
}
let result = 0;
for (let i = 0; i < 1000; i++) result = cpstak(18, 12, 6);
console.log(String(result));
