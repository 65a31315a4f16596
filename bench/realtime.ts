/**
 * npm run bench:realtime [-- --lessons N --seconds S --warmup W]
 *
 * N simultaneous lesson rooms on one Tandem process. Each lesson has a volunteer and a child
 * socket (real session cookies) that both join the room; then every client sends a chat message
 * every 5 s (authenticated, validated, screened, stored in SQLite, acknowledged, relayed) and a
 * whiteboard change 5 times a second (a freehand stroke growing point by point, validated,
 * screened, merged into the lesson's board that is written behind, relayed). Latency is measured
 * from send to arrival at the other side; every message is counted, so a lost or doubled one shows.
 * In the same run the same load goes to a bare socket.io relay (join a room, forward, ack: no auth,
 * no checks, no storage), the reference. Both servers run in their own process (as in
 * production), the clients in this one; each server's CPU time is read from /proc during the
 * measured window. Everything binds to 127.0.0.1. Needs the app built (`npm run build`).
 *
 * Prints one JSON line: {lessons, clients, delivered_per_s, p50_ms, p99_ms, lost, duplicated,
 * server_cpu_pct, relay_p99_ms, relay_cpu_pct, ...} (CPU in % of one core).
 * BENCH_PROFILE_DIR=dir also writes a CPU profile of each server process there.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Server } from "socket.io";
import WebSocket from "ws";
import { configSchema } from "../app/env.server";
import { createServices } from "../app/modules/core/bootstrap.server";
import { createOrganization } from "../tests/factories";
import { createActiveMatch, createLesson } from "../tests/factories/lessons";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const LESSONS = arg("lessons", 1000);
const MEASURE_S = arg("seconds", 30);
const WARMUP_S = arg("warmup", 5);
const CHAT_EVERY_MS = 5000;
const BOARD_EVERY_MS = 200; // 5 per second
/** A stroke grows by a point with every change; after this many it ends and a new one starts. */
const POINTS_PER_STROKE = 20;
const TICK_MS = 10;

interface Pair {
  lessonId: string;
  cookies: [string, string];
}

interface Measured {
  clients: number;
  sent: number;
  received: number;
  lost: number;
  duplicated: number;
  chatAcked: number;
  p50: number;
  p99: number;
  max: number;
  deliveredPerSecond: number;
  cpuPct: number;
  /** CPU of this (the clients') process over the window: if it nears 100 %, the clients are the limit. */
  clientCpuPct: number;
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const round = (n: number) => Math.round(n * 10) / 10;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

/** An Excalidraw freehand element as the board sends it, `points` long. */
function stroke(id: string, version: number, points: number) {
  return {
    id,
    type: "freedraw",
    x: 120,
    y: 80,
    width: 4 * points,
    height: 3 * points,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 2,
    strokeStyle: "solid",
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    index: "a0",
    roundness: null,
    seed: 1_234_567,
    version,
    versionNonce: (version * 2_654_435_761) % 2_147_483_647,
    isDeleted: false,
    boundElements: null,
    updated: 1_764_000_000_000,
    link: null,
    locked: false,
    points: Array.from({ length: points }, (_, k) => [4 * k, 3 * k]),
    pressures: [],
    simulatePressure: true,
    lastCommittedPoint: null,
  };
}

/**
 * The load generator's client: socket.io's wire protocol (engine.io v4 packets over one WebSocket)
 * spoken directly, without socket.io-client's managers, timers and emitters. Two thousand
 * socket.io-client instances cost this process more CPU than the server under test, so they
 * measured the client; the servers see exactly the frames socket.io-client sends.
 */
class LeanSocket {
  private readonly handlers = new Map<string, (payload: never) => void>();
  private readonly acks = new Map<number, (reply: unknown) => void>();
  private nextAck = 0;

  private constructor(private readonly ws: WebSocket) {}

  static open(url: string, cookie: string): Promise<LeanSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`, { headers: { Cookie: cookie }, perMessageDeflate: false });
    const socket = new LeanSocket(ws);
    return new Promise((resolve, reject) => {
      ws.on("error", reject);
      ws.on("message", (data: Buffer) => {
        const text = data.toString();
        if (text[0] === "0") return ws.send("40"); // engine.io open → connect to the main namespace
        if (text === "2") return ws.send("3"); // ping → pong
        if (text.startsWith("40")) return resolve(socket);
        if (text.startsWith("44")) return reject(new Error(`refused: ${text.slice(2)}`));
        if (text.startsWith("42")) {
          const [event, payload] = JSON.parse(text.slice(2)) as [string, never];
          return socket.handlers.get(event)?.(payload);
        }
        if (text.startsWith("43")) {
          const bracket = text.indexOf("[");
          const id = Number(text.slice(2, bracket));
          const done = socket.acks.get(id);
          socket.acks.delete(id);
          done?.((JSON.parse(text.slice(bracket)) as unknown[])[0]);
        }
      });
    });
  }

  on<T>(event: string, handler: (payload: T) => void): void {
    this.handlers.set(event, handler as (payload: never) => void);
  }

  emit(event: string, payload: unknown): void {
    this.ws.send(`42${JSON.stringify([event, payload])}`);
  }

  emitWithAck<T>(event: string, payload: unknown, timeoutMs = 30_000): Promise<T> {
    const id = this.nextAck++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`${event}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.acks.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply as T);
      });
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Drives the load against any server that speaks lesson:join / chat:send / whiteboard:update. */
async function drive(url: string, pid: number, pairs: Pair[]): Promise<Measured> {
  const sentAt = new Map<string, number>();
  const arrivals = new Map<string, number>();
  let latencies = new Float64Array(1 << 20);
  let latencyCount = 0;
  let duplicated = 0;
  let chatAcked = 0;
  let measuring = false;
  let windowStart = 0;
  let windowEnd = Infinity;
  const sockets: LeanSocket[] = [];
  const arrived = (key: string) => {
    const count = (arrivals.get(key) ?? 0) + 1;
    arrivals.set(key, count);
    const sent = sentAt.get(key);
    if (sent === undefined) return; // sent before the window
    if (count > 1) return void duplicated++;
    if (latencyCount === latencies.length) {
      const bigger = new Float64Array(latencies.length * 2);
      bigger.set(latencies);
      latencies = bigger;
    }
    latencies[latencyCount++] = performance.now() - sent;
  };
  const open = async (cookie: string) => {
    const socket = await LeanSocket.open(url, cookie);
    sockets.push(socket);
    return socket;
  };
  try {
    const clients: { socket: LeanSocket; lessonId: string; name: string }[] = [];
    for (let i = 0; i < pairs.length; i += 100) {
      const batch = await Promise.all(
        pairs.slice(i, i + 100).map(async (pair, k) => {
          const sides = await Promise.all(pair.cookies.map(open));
          return Promise.all(
            sides.map(async (socket, side) => {
              socket.on<{ clientId: string }>("chat:message", (message) => arrived(message.clientId));
              socket.on<{ elements: { id: string; version: number }[] }>("whiteboard:scene", (scene) => {
                for (const element of scene.elements) arrived(`${element.id}@${element.version}`);
              });
              const joined = await socket.emitWithAck<{ ok: boolean }>("lesson:join", { lessonId: pair.lessonId });
              if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
              return { socket, lessonId: pair.lessonId, name: `l${i + k}s${side}` };
            }),
          );
        }),
      );
      clients.push(...batch.flat());
    }

    // One ticker sends for every client when it is due; each client starts at its own offset.
    const started = performance.now();
    const due = clients.map((_, c) => ({ chat: started + ((c * 7919) % CHAT_EVERY_MS), board: started + ((c * 104_729) % BOARD_EVERY_MS), seq: 0 }));
    let sent = 0;
    const stopAt = started + (WARMUP_S + MEASURE_S) * 1000;
    let cpuAtStart = 0;
    let clientCpuAtStart = process.cpuUsage();
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        if (!measuring && now >= started + WARMUP_S * 1000) {
          measuring = true;
          windowStart = now;
          cpuAtStart = cpuSeconds(pid);
          clientCpuAtStart = process.cpuUsage();
        }
        if (now >= stopAt) {
          clearInterval(tick);
          windowEnd = now;
          return resolve();
        }
        for (let c = 0; c < clients.length; c++) {
          const { socket, lessonId, name } = clients[c]!;
          const next = due[c]!;
          while (next.board <= now) {
            next.board += BOARD_EVERY_MS;
            const n = next.seq++;
            const id = `${name}-${Math.floor(n / POINTS_PER_STROKE)}`;
            const version = (n % POINTS_PER_STROKE) + 1;
            if (measuring) {
              sentAt.set(`${id}@${version}`, performance.now());
              sent++;
            }
            socket.emit("whiteboard:update", { lessonId, elements: [stroke(id, version, Math.min(version, 4) + 1)] });
          }
          while (next.chat <= now) {
            next.chat += CHAT_EVERY_MS;
            const clientId = `${name}-chat-${Math.round(next.chat)}`;
            if (measuring) {
              sentAt.set(clientId, performance.now());
              sent++;
            }
            socket
              .emitWithAck<{ ok: boolean }>("chat:send", { lessonId, clientId, body: "Naloga: koliko je sedem krat osem?" })
              .then((ack) => {
                if (ack.ok && measuring) chatAcked++;
              })
              .catch(() => undefined);
          }
        }
      }, TICK_MS);
    });
    const cpu = cpuSeconds(pid) - cpuAtStart;
    const clientCpu = process.cpuUsage(clientCpuAtStart);
    const seconds = (windowEnd - windowStart) / 1000;
    // Let what is in flight arrive: a lost message is one that never does (an overloaded server may
    // still be working through its backlog, so wait until nothing has arrived for 5 s, at most 2 min).
    const delivered = () => [...sentAt.keys()].filter((key) => arrivals.has(key)).length;
    const giveUp = performance.now() + 120_000;
    let received = delivered();
    let lastProgress = performance.now();
    while (received < sent && performance.now() < giveUp && performance.now() - lastProgress < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const now = delivered();
      if (now > received) lastProgress = performance.now();
      received = now;
    }
    const sorted = latencies.slice(0, latencyCount).sort();
    return {
      clients: clients.length,
      sent,
      received,
      lost: sent - received,
      duplicated,
      chatAcked,
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1] ?? NaN),
      deliveredPerSecond: Math.round(received / seconds),
      cpuPct: round((cpu / seconds) * 100),
      clientCpuPct: round(((clientCpu.user + clientCpu.system) / 1e6 / seconds) * 100),
    };
  } finally {
    for (const socket of sockets) socket.close();
  }
}

/** The reference: a bare socket.io relay with the same events and rooms, nothing else. */
async function serveRelay() {
  const httpServer = createServer();
  const io = new Server(httpServer, { serveClient: false });
  io.on("connection", (socket) => {
    socket.on("lesson:join", async ({ lessonId }: { lessonId: string }, ack: (r: unknown) => void) => {
      await socket.join(lessonId);
      ack({ ok: true, data: { history: [], board: [] } });
    });
    socket.on("chat:send", (message: { lessonId: string; clientId: string; body: string }, ack: (r: unknown) => void) => {
      socket.to(message.lessonId).emit("chat:message", { ...message, id: message.clientId });
      ack({ ok: true, data: message });
    });
    socket.on("whiteboard:update", (update: { lessonId: string; elements: unknown[] }) => {
      socket.to(update.lessonId).emit("whiteboard:scene", update);
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  process.once("SIGTERM", () => process.exit(0)); // exits cleanly (a CPU profile, if asked for, is written)
  console.log(`relay listening on http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
}

/** Starts a server process (node itself, so its pid is the server's) and resolves with its URL. */
async function spawnServer(args: string[], env: Record<string, string>, pattern: RegExp) {
  // BENCH_PROFILE_DIR=dir writes a CPU profile of each server there (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, "--import", "tsx", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join("\n")}`)), 60_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        output.push(line);
        const match = pattern.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace("localhost", "127.0.0.1"));
        }
      });
    }
    void exited.then(() => reject(new Error(`server exited:\n${output.join("\n")}`)));
  });
  return {
    url,
    pid: child.pid!,
    output,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

async function main() {
  if (process.argv.includes("--relay-server")) return serveRelay();
  if (!existsSync("build/index.js")) throw new Error("Build the app first: npm run build");
  const dir = mkdtempSync(join(tmpdir(), "tandem-bench-"));
  const env = { NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", SEED_DEMO: "false", SESSION_SECRET: "bench-secret-bench-secret-bench-secret-0", PUBLIC_URL: "http://127.0.0.1", DATABASE_PATH: join(dir, "bench.db") };
  const services = createServices(configSchema.parse({ ...env, LOG_LEVEL: "silent" }));
  try {
    const org = createOrganization(services);
    const pairs: Pair[] = [];
    const cookie = async (userId: string) => (await services.sessions.rotate(await services.sessions.getSession(), userId)).split(";")[0]!;
    for (let i = 0; i < LESSONS; i++) {
      const { match, volunteer, childUser } = await createActiveMatch(services, { organizationId: org.id });
      const lesson = createLesson(services, match, new Date(Date.now() - 60_000), 90);
      pairs.push({ lessonId: lesson.id, cookies: [await cookie(volunteer.id), await cookie(childUser.id)] });
    }
    const tandemServer = await spawnServer(["server.ts"], env, /"url":"(http:\/\/localhost:\d+)".*Tandem is listening/);
    const tandem = await drive(tandemServer.url, tandemServer.pid, pairs).finally(() => tandemServer.stop());
    const failures = tandemServer.output.filter((line) => /"level":(50|60)/.test(line));
    const relayServer = await spawnServer(["bench/realtime.ts", "--relay-server"], {}, /relay listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const relay = await drive(relayServer.url, relayServer.pid, pairs).finally(() => relayServer.stop());
    const cpuRatio = round(tandem.cpuPct / relay.cpuPct);
    console.log(
      JSON.stringify({
        lessons: LESSONS,
        clients: tandem.clients,
        delivered_per_s: tandem.deliveredPerSecond,
        p50_ms: tandem.p50,
        p99_ms: tandem.p99,
        lost: tandem.lost,
        duplicated: tandem.duplicated,
        server_cpu_pct: tandem.cpuPct,
        relay_p99_ms: relay.p99,
        relay_cpu_pct: relay.cpuPct,
        relay_p50_ms: relay.p50,
        relay_delivered_per_s: relay.deliveredPerSecond,
        relay_lost: relay.lost,
        cpu_ratio: cpuRatio,
        client_cpu_pct: tandem.clientCpuPct,
        relay_client_cpu_pct: relay.clientCpuPct,
        max_ms: tandem.max,
        sent: tandem.sent,
        chat_acked: tandem.chatAcked,
        server_errors_logged: failures.length,
        measured_s: MEASURE_S,
        targets_met: tandem.p99 < 50 && tandem.lost === 0 && tandem.duplicated === 0 && cpuRatio <= 2.5,
      }),
    );
  } finally {
    services.db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => {
    if (!process.argv.includes("--relay-server")) process.exit(0);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
