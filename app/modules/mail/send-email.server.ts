import { eq } from "drizzle-orm";
import { emailOutbox } from "../../../db/schema";
import type { Services } from "../core/services.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
}

/**
 * Every e-mail is written to the outbox first, so nothing is lost if SMTP is down; with SMTP_URL
 * set it is then delivered and marked sent (or failed, with the transport's error code only).
 */
export async function sendEmail(services: Services, email: Email, now = new Date()): Promise<string> {
  const [row] = services.db
    .insert(emailOutbox)
    .values({ toAddress: email.to, subject: email.subject, textBody: email.text, status: "stored", createdAt: now })
    .returning({ id: emailOutbox.id })
    .all();
  const id = row!.id;
  if (!services.mailTransport) return id;
  try {
    await services.mailTransport.sendMail({ from: services.config.MAIL_FROM, to: email.to, subject: email.subject, text: email.text });
    services.db.update(emailOutbox).set({ status: "sent", sentAt: new Date() }).where(eq(emailOutbox.id, id)).run();
  } catch (error) {
    const code = (error as { code?: string }).code ?? "SEND_FAILED";
    services.db.update(emailOutbox).set({ status: "failed", error: code }).where(eq(emailOutbox.id, id)).run();
    services.log.warn({ outboxId: id, code }, "e-mail delivery failed");
  }
  return id;
}
