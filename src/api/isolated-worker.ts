// The worker half of createIsolatedKiln (isolated.ts): a sandboxed text runtime on a runtime
// worker thread (src/host/worker), whose interrupt flag the host thread shares, and whose
// native stack sizes the JIT's depth budget. Answers one evaluation request at a time, under
// the request's time and step limits.

import { workerContext } from "../host/worker/inside.js";
import { textKiln } from "./text-kiln.js";
import type { IsolatedRequest, IsolatedSetup } from "./isolated.js";
import { DEFAULT_JIT_THRESHOLD } from "../jit/policy.js";

const ctx = workerContext<IsolatedSetup>();
const kiln = textKiln(undefined, {
  jit: { enabled: ctx.data.jit, threshold: DEFAULT_JIT_THRESHOLD, debug: false },
  interruptBuffer: ctx.interruptBuffer,
  nativeStackMb: ctx.limits.stackMb,
});
const interrupts = kiln.runtime.interrupts;

ctx.serve((body) => {
  const req = body as IsolatedRequest;
  interrupts.setBudget({ ms: req.timeLimit, steps: req.stepLimit });
  try {
    return kiln.evaluate(req.source, req.file);
  } finally {
    interrupts.clearBudget();
    interrupts.clear();
  }
});
