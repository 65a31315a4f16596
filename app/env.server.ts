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
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  if (parsed.data.NODE_ENV === "production" && !parsed.data.SESSION_SECRET) {
    throw new Error("Invalid configuration:\n  SESSION_SECRET: required in production (32+ characters)");
  }
  return parsed.data;
}
