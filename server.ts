import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig, type Config } from "./app/env.server";
import { createServices } from "./app/modules/core/bootstrap.server";
import { createLogger, redactPath } from "./app/modules/core/logger.server";
import type { Services } from "./app/modules/core/services.server";
import { runRecordCheckExpiry } from "./app/modules/volunteers/record-check-expiry.server";
import { seedDemo, demoAccounts } from "./db/seed";
import { attachRealtime, useRedisAdapter, type RealtimeServer } from "./realtime";
import { runLessonJobs } from "./app/modules/lessons/jobs.server";
import { liveKitSettings } from "./app/modules/video/access.server";
import { LIVEKIT_WEBHOOK_PATH } from "./app/modules/video/vocabulary";
import { liveKitWebhookHandler } from "./app/modules/video/webhook.server";
import { chooseLiveKit, type LiveKitChoice } from "./app/modules/video/livekit-process.server";
import { warmUpSolver } from "./app/modules/matching/solver-worker";

export interface RunningServer {
  url: string;
  services: Services;
  io: RealtimeServer;
  httpServer: HttpServer;
  close: () => Promise<void>;
}

/** One http.Server: Express (static files, health check, Remix) and socket.io side by side. */
export async function startServer(config: Config): Promise<RunningServer> {
  const services = createServices(config);
  const { log, db } = services;

  if (config.SEED_DEMO && (await seedDemo(db))) {
    log.info("demo data seeded");
  }

  const build = (await import(pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  // Remix hydrates with inline scripts; a nonce-based CSP is a follow-up (docs/decisions/0006).
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Only method, redacted path and status: no headers, cookies, bodies or query strings.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: redactPath(req.url) }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/build/") || req.url === "/healthz" },
    }),
  );
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Excalidraw's fonts and locale chunks, fetched by the lesson room's whiteboard (never from a CDN).
  app.use("/excalidraw", express.static("node_modules/@excalidraw/excalidraw/dist/prod", { immutable: true, maxAge: "1y" }));
  app.get("/healthz", (_req, res) => {
    try {
      db.$client.prepare("select 1").get();
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });
  // LiveKit signs the exact bytes it posts: the webhook reads the raw body, before Remix.
  const liveKit = liveKitSettings(services);
  if (liveKit) app.post(LIVEKIT_WEBHOOK_PATH, express.raw({ type: () => true, limit: "256kb" }), liveKitWebhookHandler(services));
  log.info({ video: liveKit ? "livekit" : "p2p", livekitUrl: liveKit?.url }, liveKit ? "video: LiveKit" : "video: peer-to-peer");
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: build.mode,
      getLoadContext: (req) => ({ services, requestId: String(req.id), clientIp: req.ip ?? "unknown" }),
    }),
  );

  const httpServer = createServer(app);
  const io = attachRealtime(httpServer, services);
  const closeRedis = config.REDIS_URL ? await useRedisAdapter(io, config.REDIS_URL) : null;
  await new Promise<void>((done) => httpServer.listen(config.PORT, config.HOST, done));
  const { port } = httpServer.address() as AddressInfo;
  if (!config.PUBLIC_URL) services.publicUrl = `http://localhost:${port}`;
  // The matching solver's thread takes a moment to load: start it now, not at the first proposal.
  warmUpSolver();

  // Hourly housekeeping; each job is idempotent, so several processes may run it.
  const hourly = () => {
    services.sessions.purgeExpired(new Date());
    runRecordCheckExpiry(services, new Date()).catch((error: unknown) => log.error({ err: error }, "record check expiry job failed"));
  };
  const purge = setInterval(hourly, 60 * 60 * 1000);
  purge.unref();
  hourly();

  // Every minute: lesson reminders (claimed atomically, so one process sends each) and closing finished lessons.
  const worker = `${process.pid}:${randomUUID().slice(0, 8)}`;
  const minutely = () => {
    runLessonJobs(services, new Date(), worker).catch((error: unknown) => log.error({ err: error }, "lesson jobs failed"));
  };
  const lessonTimer = setInterval(minutely, 60 * 1000);
  lessonTimer.unref();
  minutely();

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      clearInterval(purge);
      clearInterval(lessonTimer);
      await new Promise<void>((done) => io.close(() => done()));
      await closeRedis?.();
      await new Promise<void>((done) => httpServer.close(() => done()));
      services.whiteboards.flush();
      db.$client.close();
    })();
    return closing;
  };
  return { url: `http://localhost:${port}`, services, io, httpServer, close };
}

const liveKitMessages: Record<Exclude<LiveKitChoice["mode"], "p2p">, string> = {
  "livekit-remote": "video: LiveKit (at LIVEKIT_URL)",
  "livekit-running": "video: LiveKit (the server at LIVEKIT_URL on this machine answers)",
  "livekit-started": "video: LiveKit (started the installed livekit-server on loopback)",
  "p2p-fallback": "video: peer-to-peer (LIVEKIT_URL is on this machine but no LiveKit runs or is installed)",
};

async function main() {
  const configured = loadConfig(process.env);
  const liveKit = await chooseLiveKit(configured, createLogger(configured.LOG_LEVEL));
  const { config } = liveKit;
  const server = await startServer(config);
  const { log } = server.services;
  if (liveKit.mode !== "p2p") log.info({ video: liveKit.mode, livekitUrl: config.LIVEKIT_URL }, liveKitMessages[liveKit.mode]);
  log.info({ url: server.url }, "Tandem is listening");
  if (config.SEED_DEMO) {
    console.log(`\nTandem: ${server.url}\nDemo sign-ins (password for all: ${demoAccounts.password}):`);
    for (const account of demoAccounts.list) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
    console.log(`  child        ${server.url}/c/${demoAccounts.childLinkToken}  (PIN ${demoAccounts.childPin})\n`);
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    Promise.all([server.close(), liveKit.stop()]).then(
      () => process.exit(0),
      (error) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
