import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger };

/**
 * Structured logs never carry personal data: no names, e-mails, tokens, PINs or request bodies.
 * Redaction is a second line of defence; the first is that call sites log ids and codes only.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service: "tandem" },
    redact: {
      paths: [
        "email",
        "*.email",
        "password",
        "*.password",
        "pin",
        "*.pin",
        "token",
        "*.token",
        "firstName",
        "lastName",
        "*.firstName",
        "*.lastName",
        "req.headers.cookie",
        "headers.cookie",
      ],
      censor: "[redacted]",
    },
  },
    destination,
  );
}

/** Paths that carry secrets in their last segment (child sign-in links, password resets, guardian invitations, calendar feeds). */
const secretPathPattern = /^\/(c|reset-password|invitation|calendar)\/[^/?#]+/;

export function redactPath(url: string): string {
  const path = url.split("?")[0] ?? url;
  return path.replace(secretPathPattern, "/$1/[token]");
}
