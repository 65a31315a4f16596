import { and, eq, gte, inArray, isNull } from "drizzle-orm";
import { calendarFeeds, children, lessons, matches, users } from "../../../db/schema";
import { translator } from "../../i18n/i18n";
import { audit } from "../audit/record.server";
import { requirePermission } from "../auth/permissions";
import type { Ctx, Services } from "../core/services.server";
import { hashToken, newToken } from "../core/tokens.server";
import { ownMatchIds } from "./calendar.server";
import { renderIcs } from "./ics";

/**
 * A private calendar feed per user: a long random token in the URL (stored hashed), which the
 * user can replace or revoke at any time. The feed lists their lessons with first names only.
 */
export function issueCalendarFeed({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "view:lessons:own");
  const user = ctx.user;
  const token = newToken();
  ctx.services.db.transaction(() => {
    ctx.services.db.update(calendarFeeds).set({ revokedAt: ctx.now }).where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt))).run();
    ctx.services.db.insert(calendarFeeds).values({ userId: user.id, tokenHash: hashToken(token), createdAt: ctx.now }).run();
    audit(ctx, { action: "issue_calendar_feed", entity: "user", entityId: user.id });
  });
  return { url: feedUrl(ctx.services, token) };
}

export function feedUrl(services: Services, token: string) {
  return `${services.publicUrl}/calendar/${token}.ics`;
}

export function revokeCalendarFeed({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "view:lessons:own");
  const user = ctx.user;
  ctx.services.db.transaction(() => {
    ctx.services.db.update(calendarFeeds).set({ revokedAt: ctx.now }).where(and(eq(calendarFeeds.userId, user.id), isNull(calendarFeeds.revokedAt))).run();
    audit(ctx, { action: "revoke_calendar_feed", entity: "user", entityId: user.id });
  });
}

export function hasCalendarFeed({ ctx }: { ctx: Ctx }): boolean {
  if (!ctx.user) return false;
  return !!ctx.services.db.select({ id: calendarFeeds.id }).from(calendarFeeds).where(and(eq(calendarFeeds.userId, ctx.user.id), isNull(calendarFeeds.revokedAt))).get();
}

/** The ICS text for a feed token, or null for an unknown or revoked token (answered as 404). */
export function calendarFeedText(services: Services, token: string, now: Date): string | null {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const { db } = services;
  const feed = db
    .select({ userId: calendarFeeds.userId, locale: users.locale, disabledAt: users.disabledAt })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(and(eq(calendarFeeds.tokenHash, hashToken(token)), isNull(calendarFeeds.revokedAt)))
    .get();
  if (!feed || feed.disabledAt) return null;
  const ids = ownMatchIds(db, feed.userId);
  const t = translator(feed.locale);
  const rows = ids.length
    ? db
        .select({ lesson: lessons, childFirstName: children.firstName, volunteerFirstName: users.firstName, volunteerUserId: matches.volunteerUserId })
        .from(lessons)
        .innerJoin(matches, eq(matches.id, lessons.matchId))
        .innerJoin(children, eq(children.id, matches.childId))
        .innerJoin(users, eq(users.id, matches.volunteerUserId))
        .where(and(inArray(lessons.matchId, ids), gte(lessons.scheduledStart, new Date(now.getTime() - 30 * 86_400_000))))
        .all()
    : [];
  return renderIcs(
    t("lessons:feed.name"),
    rows.map(({ lesson, childFirstName, volunteerFirstName, volunteerUserId }) => ({
      uid: `lesson-${lesson.id}@tandem`,
      start: lesson.scheduledStart,
      end: lesson.scheduledEnd,
      summary: t("lessons:feed.summary", { name: volunteerUserId === feed.userId ? childFirstName : volunteerFirstName }),
      url: `${services.publicUrl}/lessons/${lesson.id}`,
      cancelled: lesson.status === "cancelled",
      sequence: Math.floor((lesson.updatedAt ?? lesson.createdAt).getTime() / 1000),
      updatedAt: lesson.updatedAt ?? lesson.createdAt,
    })),
  );
}
