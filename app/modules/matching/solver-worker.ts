/**
 * Runs the matching solver on a worker thread so a large solve (seconds on a national
 * instance) never blocks the web server's event loop.
 *
 * This module is both the API (`solveInWorker`) and the worker's entry point: loaded
 * on a worker thread with our marker in `workerData`, it solves and posts the result.
 * Typed arrays travel by structured clone; the result's arrays are transferred back.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { solve, type MatchingInstance, type MatchingResult, type WarmStartState } from "./solver";

const MARKER = "tandem-matching-solver";

interface WorkerRequest {
  marker: typeof MARKER;
  instance: MatchingInstance;
  warmStart?: WarmStartState;
}

type WorkerReply = { ok: true; result: MatchingResult } | { ok: false; message: string };

export interface SolveInWorkerOptions {
  warmStart?: MatchingResult | WarmStartState;
}

/**
 * On Node 20 a worker thread cannot use the parent's tsx ESM loader (an ESM .ts
 * entry fails with "Unknown file extension"), so a .ts entry is started from a small
 * CommonJS bootstrap that registers tsx's CommonJS hook and requires this file.
 * Compiled JavaScript is started directly.
 */
function createWorker(request: WorkerRequest): Worker {
  const entry = fileURLToPath(import.meta.url);
  if (!entry.endsWith(".ts")) return new Worker(entry, { workerData: request });
  const tsxApi = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const bootstrap = `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData: request, execArgv: [] });
}

export function solveInWorker(instance: MatchingInstance, options: SolveInWorkerOptions = {}): Promise<MatchingResult> {
  const warmStart = options.warmStart && "state" in options.warmStart ? options.warmStart.state : options.warmStart;
  const request: WorkerRequest = { marker: MARKER, instance, warmStart };
  return new Promise((resolve, reject) => {
    const worker = createWorker(request);
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`matching worker exited with code ${code} before replying`));
    });
  });
}

function isRequest(data: unknown): data is WorkerRequest {
  return typeof data === "object" && data !== null && (data as WorkerRequest).marker === MARKER;
}

if (!isMainThread && parentPort && isRequest(workerData)) {
  const port = parentPort;
  try {
    const result = solve(workerData.instance, { warmStart: workerData.warmStart });
    const reply: WorkerReply = { ok: true, result };
    port.postMessage(reply, [
      result.assignment.buffer,
      result.state.slotStart.buffer,
      result.state.slotPrice.buffer,
      result.state.childSlot.buffer,
    ] as ArrayBuffer[]);
  } catch (error) {
    const reply: WorkerReply = { ok: false, message: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
}
