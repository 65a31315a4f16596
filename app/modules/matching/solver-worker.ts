/**
 * Runs the matching solver on a worker thread so a large solve (seconds on a national
 * instance) never blocks the web server's event loop.
 *
 * This module is both the API (`solveInWorker`) and the worker's entry point: loaded
 * on a worker thread with our marker in `workerData`, it answers solve requests.
 * One worker lives as long as the process and is reused: starting one costs more than
 * solving a programme's instance (under tsx, about a second to load the TypeScript).
 * Solves queue on it one at a time; it does not keep the process alive while idle.
 * Typed arrays travel by structured clone, both ways.
 *
 * The worker keeps its last few results with their graphs (`retainGraph`). A warm start
 * arrives as a copy of a result's state; when the worker still holds that result (same
 * `serial`), it starts from its own, so only the pairs it has not seen are read again.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { solve, type MatchingInstance, type MatchingResult, type WarmStartState } from "./solver";

const MARKER = "tandem-matching-solver";

interface WorkerRequest {
  id: number;
  instance: MatchingInstance;
  warmStart?: WarmStartState;
}

type WorkerReply = { id: number } & ({ ok: true; result: MatchingResult } | { ok: false; message: string });

export interface SolveInWorkerOptions {
  warmStart?: MatchingResult | WarmStartState;
}

/**
 * On Node 20 a worker thread cannot use the parent's tsx ESM loader (an ESM .ts
 * entry fails with "Unknown file extension"), so a .ts entry is started from a small
 * CommonJS bootstrap that registers tsx's CommonJS hook and requires this file.
 * Compiled JavaScript is started directly.
 */
function createWorker(): Worker {
  const entry = fileURLToPath(import.meta.url);
  const workerData = { marker: MARKER };
  if (!entry.endsWith(".ts")) return new Worker(entry, { workerData });
  const tsxApi = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const bootstrap = `require(${JSON.stringify(tsxApi)}).register(); require(${JSON.stringify(entry)});`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}

interface Pending {
  resolve: (result: MatchingResult) => void;
  reject: (error: Error) => void;
}

/** The process's solver thread: started on first use, replaced if it ever dies. */
class SolverThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = createWorker();
    worker.on("message", (reply: WorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.result);
      else waiting.reject(new Error(reply.message));
      this.idleUnlessBusy();
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`matching worker exited with code ${code} before replying`)));
    this.worker = worker;
    worker.unref();
    return worker;
  }

  private idleUnlessBusy(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  /** Starts the thread ahead of the first solve (e.g. when the server starts). */
  warmUp(): void {
    this.ensure();
  }

  solve(instance: MatchingInstance, warmStart?: WarmStartState): Promise<MatchingResult> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      const request: WorkerRequest = { id, instance, warmStart };
      worker.postMessage(request);
    });
  }
}

const thread = new SolverThread();

export function solveInWorker(instance: MatchingInstance, options: SolveInWorkerOptions = {}): Promise<MatchingResult> {
  const warmStart = options.warmStart && "state" in options.warmStart ? options.warmStart.state : options.warmStart;
  return thread.solve(instance, warmStart);
}

/** Starts the solver thread now, so the first "propose matches" does not wait for it. */
export function warmUpSolver(): void {
  thread.warmUp();
}

function isWorkerOfOurs(data: unknown): boolean {
  return typeof data === "object" && data !== null && (data as { marker?: string }).marker === MARKER;
}

/** Results the worker keeps for warm starts (one per recently solved programme, about). */
const KEPT_RESULTS = 4;

if (!isMainThread && parentPort && isWorkerOfOurs(workerData)) {
  const port = parentPort;
  const kept = new Map<string, MatchingResult>();
  port.on("message", (request: WorkerRequest) => {
    try {
      const serial = request.warmStart?.serial;
      const own = serial === undefined ? undefined : kept.get(serial);
      // The instance is this thread's own copy (structured clone): its kept graph may use the pairs in place.
      const result = solve(request.instance, {
        warmStart: own ?? request.warmStart,
        retainGraph: true,
        pairsOwned: true,
      });
      if (result.state.serial !== undefined) kept.set(result.state.serial, result);
      for (const oldest of kept.keys()) {
        if (kept.size <= KEPT_RESULTS) break;
        kept.delete(oldest);
      }
      const reply: WorkerReply = { id: request.id, ok: true, result };
      port.postMessage(reply);
    } catch (error) {
      const reply: WorkerReply = {
        id: request.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      port.postMessage(reply);
    }
  });
}
