import { eq } from "drizzle-orm";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../app/modules/core/services.server";
import * as forgotRoute from "../../app/routes/forgot-password";
import * as resetRoute from "../../app/routes/reset-password.$token";
import * as signInRoute from "../../app/routes/sign-in";
import { emailOutbox } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { callRoute } from "../setup/remix";
import { createTestServices } from "../setup/test-db";

interface Received {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  raw: string;
}

/** The message's headers (unfolded) and its text body decoded from quoted-printable or base64. */
function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, split).replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers["content-transfer-encoding"] ?? "7bit").toLowerCase();
  let text: string;
  if (encoding === "quoted-printable") {
    const bytes = body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    text = Buffer.from(bytes, "latin1").toString("utf8");
  } else if (encoding === "base64") {
    text = Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  } else {
    text = body;
  }
  return { headers, text };
}

let smtp: SMTPServer;
let smtpPort = 0;
const received: Received[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    // A plain local test server: no STARTTLS (nodemailer would refuse its self-signed certificate), login over plain text allowed.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "tandem" && auth.password === "smtp-secret") callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString("latin1"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once("error", reject);
    smtp.listen(0, "127.0.0.1", () => resolve());
  });
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

let services: Services | undefined;
beforeEach(() => {
  received.length = 0;
});
afterEach(() => {
  services?.mailTransport?.close();
  services?.db.$client.close();
  services = undefined;
});

/** A volunteer asks for a password reset; resolves with them and the outbox row of that e-mail. */
async function askForReset(services: Services) {
  const org = createOrganization(services);
  const user = await createUser(services, { role: "volunteer", organizationId: org.id });
  const asked = await callRoute(forgotRoute.action, services, { method: "POST", body: { email: user.email! } });
  expect((await asked.json()).sent).toBe(true);
  return { user, row: services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, user.email!)).get() };
}

describe("e-mail delivery", () => {
  it("delivers a password-reset e-mail over SMTP when SMTP_URL is set, and marks it sent", async () => {
    services = createTestServices({ SMTP_URL: `smtp://tandem:smtp-secret@127.0.0.1:${smtpPort}`, MAIL_FROM: "Tandem <no-reply@tandem.test>" });
    expect(services.mailTransport).not.toBeNull();
    const { user, row } = await askForReset(services);

    expect(received).toHaveLength(1);
    const [message] = received;
    expect(message!.user).toBe("tandem");
    expect(message!.mailFrom).toBe("no-reply@tandem.test");
    expect(message!.rcptTo).toEqual([user.email]);
    const { headers, text } = parseMessage(message!.raw);
    expect(headers.to).toBe(user.email);
    expect(headers.from).toBe("Tandem <no-reply@tandem.test>");
    expect(headers.subject).toBe("Tandem: nastavitev novega gesla");
    const link = text.match(/http:\/\/tandem\.test\/reset-password\/([\w-]{20,})/);
    expect(link, text).not.toBeNull();

    expect(row).toMatchObject({ status: "sent", subject: "Tandem: nastavitev novega gesla", error: null });
    expect(row!.sentAt).toBeInstanceOf(Date);
    expect(row!.textBody).toContain(link![0]);

    // The delivered link really resets the password.
    const reset = await callRoute(resetRoute.action, services, { method: "POST", params: { token: link![1]! }, body: { password: "a new long password", passwordConfirm: "a new long password" } });
    expect(reset.status).toBe(302);
    const signIn = await callRoute(signInRoute.action, services, { method: "POST", body: { email: user.email!, password: "a new long password" } });
    expect(signIn.status).toBe(302);
  });

  it("keeps the e-mail in the outbox, marked failed with the transport's code only, when the SMTP server refuses the login", async () => {
    services = createTestServices({ SMTP_URL: `smtp://tandem:wrong-secret@127.0.0.1:${smtpPort}` });
    const { row } = await askForReset(services);
    expect(received).toHaveLength(0);
    expect(row).toMatchObject({ status: "failed", error: "EAUTH", sentAt: null });
    expect(row!.textBody).toMatch(/\/reset-password\/[\w-]{20,}/);
  });

  it("without SMTP_URL stores the e-mail in the outbox and sends nothing", async () => {
    services = createTestServices();
    expect(services.config.SMTP_URL).toBeUndefined();
    expect(services.mailTransport).toBeNull();
    const { row } = await askForReset(services);
    expect(received).toHaveLength(0);
    expect(row).toMatchObject({ status: "stored", subject: "Tandem: nastavitev novega gesla", sentAt: null, error: null });
    expect(row!.textBody).toMatch(/http:\/\/tandem\.test\/reset-password\/[\w-]{20,}/);
  });
});
