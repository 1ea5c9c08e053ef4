// mbrot: the same computation as bench/mbrot.scm.
function countIterations(cr, ci, maxIter) {
  let zr = 0, zi = 0, i = 0;
  while (!(i === maxIter || zr * zr + zi * zi > 4)) {
    const nzr = zr * zr - zi * zi + cr;
    zi = 2 * zr * zi + ci;
    zr = nzr;
    i++;
  }
  return i;
}
function mbrot(size, maxIter) {
  const step = 3 / size;
  let total = 0;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) total += countIterations(x * step - 2, y * step - 1.5, maxIter);
  return total;
}
console.log(String(mbrot(200, 256)));
