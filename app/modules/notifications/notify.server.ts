import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { memberships, notifications, users } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import type { Ctx, Services } from "../core/services.server";
import { unauthenticated } from "../errors";
import { sendEmail } from "../mail/send-email.server";
import type { NotificationKind } from "./kinds";

export interface Notice {
  /** A key under `notifications.` in common.json: `<kind>.title` and `<kind>.body` are used. */
  kind: NotificationKind;
  params?: Record<string, string | number>;
  /** Also send an e-mail (in each recipient's language) through the outbox. */
  email?: boolean;
}

/**
 * Tells people something in-app (and by e-mail when asked). Texts are rendered from the
 * translation files in each recipient's language; only the kind and parameters are stored.
 */
export async function notify(services: Services, userIds: string[], notice: Notice, now = new Date()): Promise<void> {
  if (userIds.length === 0) return;
  const params = notice.params ?? {};
  services.db
    .insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind: notice.kind, params, createdAt: now })))
    .run();
  if (!notice.email) return;
  const recipients = services.db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, userIds), isNull(users.disabledAt)))
    .all();
  for (const recipient of recipients) {
    if (!recipient.email) continue;
    const t = translator(recipient.locale);
    await sendEmail(
      services,
      {
        to: recipient.email,
        subject: `Tandem: ${t(`notifications.${notice.kind}.title`, params)}`,
        text: `${t(`notifications.${notice.kind}.body`, params)}\n\n${services.publicUrl}/dashboard`,
      },
      now,
    );
  }
}

export function coordinatorIdsOf(services: Services, organizationId: string): string[] {
  return services.db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "coordinator")))
    .all()
    .map((row) => row.userId);
}

/** The signed-in user's own latest notices. */
export function myNotifications({ ctx, limit = 10 }: { ctx: Ctx; limit?: number }) {
  if (!ctx.user) throw unauthenticated();
  return recentNotifications(ctx.services, ctx.user.id, limit);
}

export function recentNotifications(services: Services, userId: string, limit = 10) {
  return services.db
    .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, createdAt: notifications.createdAt, readAt: notifications.readAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit)
    .all();
}
