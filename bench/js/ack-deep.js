// ack-deep: the same algorithm as bench/ack-deep.scm, (ack 3 11), about 16,000 frames deep, in
// plain JS recursion on a thread with a 1 GB stack (deep-stack.js).
import { runDeep } from "./deep-stack.js";
function ack(m, n) {
  if (m === 0) return n + 1;
  if (n === 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
runDeep(import.meta.url, () => console.log(String(ack(3, 11))));
