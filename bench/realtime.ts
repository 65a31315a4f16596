/**
 * npm run bench:realtime [-- --lessons N --messages M --interval MS]
 *
 * Simultaneous lesson rooms on one Tandem process: each lesson has a volunteer and a child
 * socket (real session cookies), both join the room and send M chat messages; every message is
 * authenticated, validated, screened, stored in SQLite and acknowledged, then relayed to the other
 * side. Measures send→receive latency at the other side and counts lost or doubled messages.
 * The same load then runs against a bare socket.io relay (join a room, forward, ack: no auth, no
 * checks, no storage) as the reference, and the JSON reports both and their ratio.
 * Both servers run in their own process (as in production), the clients in this one; everything
 * binds to 127.0.0.1 and the run is bounded in time. Needs the app built (`npm run build`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { configSchema } from "../app/env.server";
import { createServices } from "../app/modules/core/bootstrap.server";
import { createInterface } from "node:readline";
import { createOrganization } from "../tests/factories";
import { createActiveMatch, createLesson } from "../tests/factories/lessons";

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const LESSONS = arg("lessons", 200);
const MESSAGES = arg("messages", 10);
const INTERVAL = arg("interval", 500);
const DEADLINE_MS = arg("timeout", 180) * 1000;

interface Pair {
  lessonId: string;
  cookies: [string, string];
}

interface Result {
  sockets: number;
  sent: number;
  acked: number;
  received: number;
  lost: number;
  duplicates: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  messagesPerSecond: number;
  durationMs: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const round = (n: number) => Math.round(n * 10) / 10;

/** Drives the same load against any server that speaks lesson:join / chat:send / chat:message. */
async function drive(url: string, pairs: Pair[]): Promise<Result> {
  const sentAt = new Map<string, number>();
  const seen = new Map<string, number>();
  const latencies: number[] = [];
  let acked = 0;
  let duplicates = 0;
  const sockets: Socket[] = [];
  const open = (cookie: string) =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(url, { transports: ["websocket"], extraHeaders: { Cookie: cookie }, reconnection: false, forceNew: true });
      sockets.push(socket);
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    });
  try {
    const rooms: { lessonId: string; sides: Socket[] }[] = [];
    for (let i = 0; i < pairs.length; i += 50) {
      const batch = await Promise.all(
        pairs.slice(i, i + 50).map(async (pair) => {
          const sides = await Promise.all(pair.cookies.map(open));
          for (const socket of sides) {
            socket.on("chat:message", (message: { clientId: string }) => {
              const count = (seen.get(message.clientId) ?? 0) + 1;
              seen.set(message.clientId, count);
              if (count > 1) duplicates++;
              else latencies.push(performance.now() - sentAt.get(message.clientId)!);
            });
            const joined = await socket.emitWithAck("lesson:join", { lessonId: pair.lessonId });
            if (!joined.ok) throw new Error(`join failed: ${JSON.stringify(joined)}`);
          }
          return { lessonId: pair.lessonId, sides };
        }),
      );
      rooms.push(...batch);
    }
    const started = performance.now();
    const sends: Promise<void>[] = [];
    for (let round = 0; round < MESSAGES; round++) {
      for (const [r, room] of rooms.entries()) {
        room.sides.forEach((socket, side) => {
          const clientId = `bench-${r}-${side}-${round}-x`;
          const delay = round * INTERVAL + ((r * 2 + side) / (rooms.length * 2)) * INTERVAL;
          sends.push(
            new Promise<void>((resolve) => setTimeout(resolve, delay)).then(async () => {
              sentAt.set(clientId, performance.now());
              const ack = await socket.timeout(30_000).emitWithAck("chat:send", { lessonId: room.lessonId, clientId, body: `Naloga ${round}: koliko je sedem krat osem?` });
              if (ack.ok) acked++;
            }),
          );
        });
      }
    }
    const bounded = Promise.race([Promise.allSettled(sends), new Promise((resolve) => setTimeout(resolve, DEADLINE_MS))]);
    await bounded;
    const expected = rooms.length * 2 * MESSAGES;
    const settle = performance.now() + 5000;
    while (seen.size < expected && performance.now() < settle) await new Promise((resolve) => setTimeout(resolve, 50));
    const durationMs = performance.now() - started;
    latencies.sort((a, b) => a - b);
    return {
      sockets: sockets.length,
      sent: expected,
      acked,
      received: seen.size,
      lost: expected - seen.size,
      duplicates,
      latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? NaN) },
      messagesPerSecond: Math.round((seen.size / durationMs) * 1000),
      durationMs: Math.round(durationMs),
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
      ack({ ok: true, data: { history: [] } });
    });
    socket.on("chat:send", (message: { lessonId: string; clientId: string; body: string }, ack: (r: unknown) => void) => {
      socket.to(message.lessonId).emit("chat:message", { ...message, id: message.clientId });
      ack({ ok: true, data: message });
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  console.log(`relay listening on http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
}

/** Starts a server process and resolves with its URL, read from its first matching output line. */
async function spawnServer(args: string[], env: Record<string, string>, pattern: RegExp): Promise<{ url: string; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn("node_modules/.bin/tsx", args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
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
    const setupStarted = performance.now();
    const org = createOrganization(services);
    const pairs: Pair[] = [];
    const cookie = async (userId: string) => (await services.sessions.rotate(await services.sessions.getSession(), userId)).split(";")[0]!;
    for (let i = 0; i < LESSONS; i++) {
      const { match, volunteer, childUser } = await createActiveMatch(services, { organizationId: org.id });
      const lesson = createLesson(services, match, new Date(Date.now() - 60_000), 90);
      pairs.push({ lessonId: lesson.id, cookies: [await cookie(volunteer.id), await cookie(childUser.id)] });
    }
    const setupMs = Math.round(performance.now() - setupStarted);
    const tandemServer = await spawnServer(["server.ts"], env, /"url":"(http:\/\/localhost:\d+)".*Tandem is listening/);
    const tandem = await drive(tandemServer.url, pairs).finally(() => tandemServer.stop());
    const relayServer = await spawnServer(["bench/realtime.ts", "--relay-server"], {}, /relay listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const reference = await drive(relayServer.url, pairs).finally(() => relayServer.stop());
    console.log(
      JSON.stringify(
        {
          benchmark: "realtime lesson rooms",
          lessons: LESSONS,
          messagesPerParticipant: MESSAGES,
          intervalMs: INTERVAL,
          offeredMessagesPerSecond: Math.round((LESSONS * 2 * 1000) / INTERVAL),
          setupMs,
          tandem,
          relay: reference,
          ratio: {
            p50: round(tandem.latencyMs.p50 / reference.latencyMs.p50),
            p99: round(tandem.latencyMs.p99 / reference.latencyMs.p99),
            throughput: round(tandem.messagesPerSecond / reference.messagesPerSecond),
          },
          targets: { p99UnderMs: 100, lost: 0, met: tandem.latencyMs.p99 < 100 && tandem.lost === 0 && tandem.duplicates === 0 },
        },
        null,
        2,
      ),
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
