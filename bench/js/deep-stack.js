// Shared by the JS twins of the deep-recursion programs: run `main` on a worker thread with a
// 1 GB stack, as Kiln runs programs (src/host/worker/limits.ts), so that plain JS recursion
// 1,000,000 deep fits. `url` is the twin's own import.meta.url: the worker runs that module.
import { Worker, isMainThread } from "node:worker_threads";

export function runDeep(url, main) {
  if (isMainThread) {
    const w = new Worker(new URL(url), { resourceLimits: { stackSizeMb: 1024 } });
    w.on("error", (e) => { console.error(e); process.exitCode = 1; });
  } else {
    main();
  }
}

export class Pair {
  constructor(car, cdr) { this.car = car; this.cdr = cdr; }
}
