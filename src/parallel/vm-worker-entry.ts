// The entry module of a pool worker when the CLI's worker bundle is absent (an ES-module run,
// tests of dist/src): the same serveVmWorker the bundle runs (vm-worker.ts).
import { workerContext } from "../host/worker/inside.js";
import { serveVmWorker } from "./vm-worker.js";
import type { VmWorkerData } from "./protocol.js";

serveVmWorker(workerContext<VmWorkerData>());
