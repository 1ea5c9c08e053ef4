// maze: the same algorithm as bench/maze.scm.
function makeMaze(w, h, seed) {
  const grid = new Array(w * h).fill(false);
  let x = seed;
  for (let i = 0; i < w * h; i++) {
    x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff; // the low 31 bits, exactly
    grid[i] = Math.floor(x / 65536) % 100 < 28;
  }
  grid[0] = false;
  return grid;
}
function bfs(grid, w, h) {
  const dist = new Array(w * h).fill(-1), queue = new Array(w * h).fill(0);
  dist[0] = 0; queue[0] = 0;
  let head = 0, tail = 1, reached = 0, far = 0;
  while (head !== tail) {
    const p = queue[head], d = dist[p], x = p % w, y = Math.floor(p / w);
    const tryq = (q, ok) => {
      if (ok && !grid[q] && dist[q] === -1) { dist[q] = d + 1; queue[tail++] = q; }
    };
    tryq(p - 1, x > 0); tryq(p + 1, x < w - 1); tryq(p - w, y > 0); tryq(p + w, y < h - 1);
    head++; reached++; far = Math.max(far, d);
  }
  return reached * 1000 + far;
}
let acc = 0;
for (let k = 4; k > 0; k--) acc += bfs(makeMaze(700, 700, k), 700, 700);
console.log(String(acc));
