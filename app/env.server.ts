import { z } from "zod";

const booleanString = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

/** Every setting Tandem reads from the environment, parsed once at boot. README lists them all. */
export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().default("data/tandem.db"),
  SESSION_SECRET: z.string().min(32).optional(),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: booleanString.default("true"),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default("Tandem <no-reply@tandem.local>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CHILD_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** redis://host:port — socket.io shares lesson rooms between app processes through Redis. */
  REDIS_URL: z.string().url().optional(),
  /** ws(s)://host:port of a LiveKit server for lesson video; without the three LIVEKIT_* settings the room calls peer-to-peer. */
  LIVEKIT_URL: z.string().regex(/^(wss?|https?):\/\/[^\s]+$/, "a ws://, wss://, http:// or https:// URL").optional(),
  LIVEKIT_API_KEY: z.string().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(32, "32+ characters").optional(),
  /** JSON list of RTCIceServer for peer-to-peer video, e.g. [{"urls":"turn:turn.example.org:3478","username":"u","credential":"p"}]. */
  ICE_SERVERS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.object({ urls: z.union([z.string().regex(/^(stuns?|turns?):/), z.array(z.string().regex(/^(stuns?|turns?):/)).min(1)]), username: z.string().optional(), credential: z.string().optional() }).strict()))
    .default("[]"),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const liveKit = [parsed.data.LIVEKIT_URL, parsed.data.LIVEKIT_API_KEY, parsed.data.LIVEKIT_API_SECRET].filter(Boolean).length;
  if (liveKit !== 0 && liveKit !== 3) {
    throw new Error("Invalid configuration:\n  LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET: set all three (LiveKit video) or none (peer-to-peer video)");
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.SESSION_SECRET) {
    throw new Error("Invalid configuration:\n  SESSION_SECRET: required in production (32+ characters)");
  }
  return parsed.data;
}
