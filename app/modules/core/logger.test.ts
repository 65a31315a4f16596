import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactPath } from "./logger.server";

describe("logging without personal data", () => {
  it("strips tokens from child-link, reset, invitation and calendar-feed paths, and drops query strings", () => {
    expect(redactPath("/c/abcDEF123_-xyz")).toBe("/c/[token]");
    expect(redactPath("/reset-password/secret-token?x=1")).toBe("/reset-password/[token]");
    expect(redactPath("/invitation/secret-token")).toBe("/invitation/[token]");
    expect(redactPath("/calendar/Feed_Token-0123456789abcdefXYZ.ics")).toBe("/calendar/[token]");
    expect(redactPath("/calendar/Feed_Token-0123456789abcdefXYZ.ics?v=2")).toBe("/calendar/[token]");
    expect(redactPath("/calendar")).toBe("/calendar");
    expect(redactPath("/dashboard?email=a@b.c")).toBe("/dashboard");
  });

  it("redacts personal fields even if a call site passes them", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger("info", sink);
    log.info({ email: "ana@example.org", user: { firstName: "Ana", pin: "1234" }, token: "abc" }, "event");
    const entry = JSON.parse(lines.join(""));
    expect(entry).toMatchObject({ email: "[redacted]", token: "[redacted]", user: { firstName: "[redacted]", pin: "[redacted]" } });
    expect(lines.join("")).not.toMatch(/ana@example\.org|Ana|1234/);
  });
});
