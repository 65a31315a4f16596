import type { Transporter } from "nodemailer";
import type { Db } from "../../../db/client";
import type { Config } from "../../env.server";
import type { Logger } from "./logger.server";
import type { SessionStore } from "../auth/session.server";
import type { SignInLimiter } from "../auth/rate-limit.server";
import type { WhiteboardStore } from "../lessons/whiteboard.server";

/** Everything a domain verb may use, built once at boot by server.ts and passed down (no globals). */
export interface Services {
  db: Db;
  config: Config;
  log: Logger;
  sessions: SessionStore;
  limiter: SignInLimiter;
  mailTransport: Transporter | null;
  publicUrl: string;
  /** Lesson whiteboards: snapshots written behind the live relay. */
  whiteboards: WhiteboardStore;
}

export interface CurrentUser {
  id: string;
  email: string | null;
  firstName: string;
  lastName: string;
  locale: "sl" | "en";
  memberships: { organizationId: string; organizationName: string; role: import("../../../db/schema").Role }[];
}

/** The context every domain verb receives: who is acting, when, and with what. */
export interface Ctx {
  services: Services;
  user: CurrentUser | null;
  now: Date;
  requestId: string;
  /** The language of the request (the UI), used for what the acting user is shown. */
  locale: "sl" | "en";
}
