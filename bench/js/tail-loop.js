// tail-loop: the same loop as bench/tail-loop.scm (N from the first argument, default 20,000,000).
const arg = Number(process.argv[2]);
const n = Number.isFinite(arg) && arg > 0 ? arg : 20000000;
let acc = 0;
for (let i = 0; i !== n; i++) acc += 2;
console.log(String(acc));
