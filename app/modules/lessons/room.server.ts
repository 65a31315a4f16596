import { randomUUID } from "node:crypto";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";
import { preparedPerDb } from "../../../db/client";
import { auditLog, chatMessages, concerns, lessonAttendance, lessonFeedback, lessonReports, lessons, type ChatMessage } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { can } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { conflict, forbidden } from "../errors";
import { coordinatorIdsOf, notify } from "../notifications/notify.server";
import { lessonAudit, requireLessonAccess, type Relation } from "./access.server";
import { completeLesson } from "./jobs.server";
import { isRoomOpen, roomWindow } from "./schedule";
import type { ChatSendInput, ConcernInput, FeedbackInput, ReportInput, WhiteboardInput } from "./schemas";
import { screenChat } from "./screening";
import { screenElements, type BoardElement } from "./whiteboard";
import type { AuthoredElement } from "./whiteboard.server";
import type { ChatView, RoomRole } from "./vocabulary";

/**
 * The lesson room. Only the matched volunteer and the child take part; coordinators of the
 * organisation may observe, hidden and silent. The room is open from 10 minutes before the start
 * to 30 minutes after the end. Chat is screened: the other side sees contact details masked,
 * coordinators see the original with its flags.
 */
const roleOf: Partial<Record<Relation, RoomRole>> = { volunteer: "volunteer", child: "child", coordinator: "observer" };

export interface RoomInfo {
  lessonId: string;
  role: RoomRole;
  status: string;
  scheduledStart: Date;
  scheduledEnd: Date;
  opensAt: Date;
  closesAt: Date;
  open: boolean;
  childFirstName: string;
  volunteerFirstName: string;
  organizationId: string;
}

/** Who may be in the room and whether it is open now (the page shows a waiting screen when not). */
export function roomInfo({ ctx, lessonId }: { ctx: Ctx; lessonId: string }): RoomInfo {
  const { lesson, parties, relation } = requireLessonAccess(ctx, lessonId, ["volunteer", "child", "coordinator"]);
  const role = roleOf[relation]!;
  if (role === "observer") audit(ctx, lessonAudit("observe_lesson", lesson));
  const { opensAt, closesAt } = roomWindow(lesson);
  return {
    lessonId: lesson.id,
    role,
    status: lesson.status,
    scheduledStart: lesson.scheduledStart,
    scheduledEnd: lesson.scheduledEnd,
    opensAt,
    closesAt,
    open: isRoomOpen(lesson, ctx.now),
    childFirstName: parties.child.firstName,
    volunteerFirstName: parties.volunteer.firstName,
    organizationId: lesson.organizationId,
  };
}

function requireOpenRoom(ctx: Ctx, lessonId: string) {
  const access = requireLessonAccess(ctx, lessonId, ["volunteer", "child", "coordinator"]);
  if (!isRoomOpen(access.lesson, ctx.now)) throw conflict("lessons:errors.room.closed");
  return { ...access, role: roleOf[access.relation]! };
}

/** Entering the room: attendance is recorded; the first of the pair to arrive makes the lesson live. */
export function joinLesson({ ctx, lessonId }: { ctx: Ctx; lessonId: string }) {
  const { user, lesson, role } = requireOpenRoom(ctx, lessonId);
  const { db } = ctx.services;
  const attendance = db.transaction(() => {
    if (role !== "observer") {
      db.update(lessons).set({ status: "live", actualStart: ctx.now, updatedAt: ctx.now }).where(and(eq(lessons.id, lesson.id), eq(lessons.status, "scheduled"))).run();
    }
    audit(ctx, lessonAudit(role === "observer" ? "observe_lesson" : "join_lesson", lesson));
    return db.insert(lessonAttendance).values({ lessonId: lesson.id, userId: user.id, role, joinedAt: ctx.now }).returning({ id: lessonAttendance.id }).get();
  });
  const current = db.select({ status: lessons.status }).from(lessons).where(eq(lessons.id, lesson.id)).get()!;
  return {
    attendanceId: attendance.id,
    role,
    status: current.status,
    history: chatHistory(ctx, lesson.id, user.id, role),
    board: boardFor(ctx.services.whiteboards.scene(lesson.id), user.id, role),
    organizationId: lesson.organizationId,
    pass: passFor(user.id, lesson, role, ctx.now),
  };
}

/**
 * What a socket holds after joining a room: who it is there as, until when, and when that was last
 * confirmed. Frequent room events (whiteboard strokes, several a second) are checked against it; the
 * full check runs again when it is older than PASS_RECHECK_MS or the room has closed, so a withdrawn
 * role or a cancelled lesson takes effect within that time.
 */
export interface RoomPass {
  lessonId: string;
  userId: string;
  role: RoomRole;
  organizationId: string;
  closesAt: number;
  checkedAt: number;
}
export const PASS_RECHECK_MS = 30_000;

function passFor(userId: string, lesson: { id: string; organizationId: string; scheduledStart: Date; scheduledEnd: Date }, role: RoomRole, now: Date): RoomPass {
  return { lessonId: lesson.id, userId, role, organizationId: lesson.organizationId, closesAt: roomWindow(lesson).closesAt.getTime(), checkedAt: now.getTime() };
}

function confirmPass(ctx: Ctx, pass: RoomPass | undefined, lessonId: string): RoomPass {
  if (!ctx.user) throw forbidden();
  if (!pass || pass.userId !== ctx.user.id || pass.lessonId !== lessonId) throw forbidden("lessons:errors.room.notJoined");
  const now = ctx.now.getTime();
  if (now <= pass.closesAt && now - pass.checkedAt <= PASS_RECHECK_MS) return pass;
  return checkedPass(ctx, lessonId);
}

/** A pass issued by the full check. */
function checkedPass(ctx: Ctx, lessonId: string): RoomPass {
  const { user, lesson, role } = requireOpenRoom(ctx, lessonId);
  return passFor(user.id, lesson, role, ctx.now);
}

/** The board as a viewer sees it: what the other side wrote is screened like chat, observers see the original. */
export function boardFor(items: readonly AuthoredElement[], viewerId: string, role: RoomRole): BoardElement[] {
  if (role === "observer") return items.map((item) => item.element);
  const others = items.filter((item) => item.author !== viewerId).map((item) => item.element);
  const masked = new Map(screenElements(others).masked.map((element) => [element.id, element]));
  return items.map((item) => (item.author === viewerId ? item.element : masked.get(item.element.id)!));
}

export function leaveLesson(ctx: Ctx, attendanceId: string) {
  if (!ctx.user) return;
  ctx.services.db
    .update(lessonAttendance)
    .set({ leftAt: ctx.now })
    .where(and(eq(lessonAttendance.id, attendanceId), eq(lessonAttendance.userId, ctx.user.id), isNull(lessonAttendance.leftAt)))
    .run();
}

/** What a viewer sees of a message: the sender and observers the original, the other side the masked text. */
export function viewOf(message: ChatMessage, viewerId: string | null, role: RoomRole): ChatView {
  const original = role === "observer" || message.senderUserId === viewerId;
  return {
    id: message.id,
    clientId: message.clientId,
    lessonId: message.lessonId,
    senderUserId: message.senderUserId,
    body: original ? message.body : message.maskedBody,
    flags: role === "observer" ? message.flags : [],
    createdAt: message.createdAt.getTime(),
  };
}

export function chatHistory(ctx: Ctx, lessonId: string, viewerId: string, role: RoomRole): ChatView[] {
  return ctx.services.db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.lessonId, lessonId))
    .orderBy(asc(chatMessages.createdAt), asc(chatMessages.id))
    .all()
    .map((m) => viewOf(m, viewerId, role));
}

/** The chat insert runs for every message: built and prepared once per database connection. */
const chatStatements = preparedPerDb((db) => {
  const value = (name: string) => sql.placeholder(name);
  return {
    status: db.select({ status: lessons.status }).from(lessons).where(eq(lessons.id, value("id"))).prepare(),
    insert: db
      .insert(chatMessages)
      .values({ id: value("id"), lessonId: value("lessonId"), senderUserId: value("senderUserId"), clientId: value("clientId"), body: value("body"), maskedBody: value("maskedBody"), flags: value("flags"), createdAt: value("createdAt") })
      .onConflictDoNothing({ target: [chatMessages.senderUserId, chatMessages.clientId] })
      .returning()
      .prepare(),
  };
});

/**
 * Stores a chat message once per (sender, client id): a resend after a lost ack returns the stored
 * message with `duplicate: true`, so nothing is lost or doubled across reconnects. The text is
 * never logged. The first flagged message of a lesson tells the coordinators.
 */
export async function sendChat({ ctx, pass, input }: { ctx: Ctx; pass: RoomPass | undefined; input: ChatSendInput }): Promise<{ message: ChatMessage; duplicate: boolean; pass: RoomPass }> {
  const { db } = ctx.services;
  // The socket's room pass stands for the access check (as for the board), but a message is
  // stored, so the lesson's status is read fresh: nothing is written into an ended lesson.
  const status = chatStatements(db).status.get({ id: input.lessonId })?.status;
  const confirmed = pass && (status === "scheduled" || status === "live") ? confirmPass(ctx, pass, input.lessonId) : checkedPass(ctx, input.lessonId);
  if (confirmed.role === "observer") throw forbidden("lessons:errors.chat.observer");
  const user = { id: confirmed.userId };
  const lesson = { id: confirmed.lessonId, organizationId: confirmed.organizationId };
  const { masked, flags } = screenChat(input.body);
  // Insert first: the common case is a new message, and the unique (sender, client id) index
  // turns a resend into "nothing inserted", answered with the stored message.
  const message = chatStatements(db).insert.get({ id: randomUUID(), lessonId: lesson.id, senderUserId: user.id, clientId: input.clientId, body: input.body, maskedBody: masked, flags, createdAt: ctx.now });
  if (!message) {
    const stored = db.select().from(chatMessages).where(and(eq(chatMessages.senderUserId, user.id), eq(chatMessages.clientId, input.clientId))).get()!;
    if (stored.lessonId !== lesson.id) throw conflict("lessons:errors.clientId.reused");
    return { message: stored, duplicate: true, pass: confirmed };
  }
  if (flags.length > 0) {
    audit(ctx, lessonAudit("chat_flagged", lesson));
    const flaggedSoFar = db.select({ id: chatMessages.id }).from(chatMessages).where(and(eq(chatMessages.lessonId, lesson.id), ne(chatMessages.maskedBody, chatMessages.body))).all().length;
    if (flaggedSoFar === 1) await notify(ctx.services, coordinatorIdsOf(ctx.services, lesson.organizationId), { kind: "chatFlagged", params: { lessonId: lesson.id } }, ctx.now);
  }
  return { message, duplicate: false, pass: confirmed };
}

/** The volunteer (or an observing coordinator) ends a live lesson: completed, hours recorded, attendance closed. */
export function endLesson({ ctx, lessonId }: { ctx: Ctx; lessonId: string }) {
  const { lesson } = requireLessonAccess(ctx, lessonId, ["volunteer", "coordinator"]);
  if (lesson.status !== "live") throw conflict("lessons:errors.lesson.notLive");
  const { db } = ctx.services;
  if (!completeLesson(db, lesson, ctx.now, ctx.now)) throw conflict("lessons:errors.lesson.notLive");
  db.update(lessonAttendance).set({ leftAt: ctx.now }).where(and(eq(lessonAttendance.lessonId, lesson.id), isNull(lessonAttendance.leftAt))).run();
  ctx.services.whiteboards.flush();
  audit(ctx, lessonAudit("end_lesson", lesson));
  return { status: "completed" as const };
}

/** "Sporoči skrb": every coordinator of the organisation is alerted in-app and by e-mail. */
export async function reportConcern({ ctx, input }: { ctx: Ctx; input: ConcernInput }) {
  const { user, lesson, parties } = requireLessonAccess(ctx, input.lessonId, ["volunteer", "child", "guardian"]);
  if (!can(user, "report:concern:own", lesson.organizationId)) throw forbidden();
  const { db } = ctx.services;
  const concern = db.transaction(() => {
    const row = db
      .insert(concerns)
      .values({ organizationId: lesson.organizationId, lessonId: lesson.id, matchId: parties.match.id, reporterUserId: user.id, severity: input.severity, description: input.description, createdAt: ctx.now })
      .returning({ id: concerns.id })
      .get();
    audit(ctx, { action: "report_concern", entity: "concern", entityId: row.id, organizationId: lesson.organizationId });
    return row;
  });
  await notify(ctx.services, coordinatorIdsOf(ctx.services, lesson.organizationId), { kind: "lessonConcern", params: { severity: input.severity, lessonId: lesson.id, concernId: concern.id }, email: true }, ctx.now);
  return { concernId: concern.id, organizationId: lesson.organizationId };
}

/** The volunteer's short report after a held lesson (may be edited later). */
export function submitReport({ ctx, input }: { ctx: Ctx; input: ReportInput }) {
  const { user, lesson } = requireLessonAccess(ctx, input.lessonId, ["volunteer"]);
  if (lesson.status !== "completed") throw conflict("lessons:errors.lesson.notCompleted");
  const { db } = ctx.services;
  db.transaction(() => {
    db.insert(lessonReports)
      .values({ lessonId: lesson.id, authorUserId: user.id, summary: input.summary, createdAt: ctx.now })
      .onConflictDoUpdate({ target: lessonReports.lessonId, set: { summary: input.summary, createdAt: ctx.now } })
      .run();
    audit(ctx, lessonAudit("report_lesson", lesson));
  });
}

/** The child's one-tap feeling after a lesson; a sad face tells the coordinators. */
export async function submitFeedback({ ctx, input }: { ctx: Ctx; input: FeedbackInput }) {
  const { user, lesson } = requireLessonAccess(ctx, input.lessonId, ["child"]);
  if (!can(user, "give:feedback:own", lesson.organizationId)) throw forbidden();
  if (lesson.status !== "completed") throw conflict("lessons:errors.lesson.notCompleted");
  const { db } = ctx.services;
  db.transaction(() => {
    db.insert(lessonFeedback)
      .values({ lessonId: lesson.id, userId: user.id, emoji: input.emoji, createdAt: ctx.now })
      .onConflictDoUpdate({ target: [lessonFeedback.lessonId, lessonFeedback.userId], set: { emoji: input.emoji, createdAt: ctx.now } })
      .run();
    audit(ctx, lessonAudit("lesson_feedback", lesson));
  });
  if (input.emoji === "sad") await notify(ctx.services, coordinatorIdsOf(ctx.services, lesson.organizationId), { kind: "lessonSadFeedback", params: { lessonId: lesson.id } }, ctx.now);
}

/**
 * The shared whiteboard: a participant's changed elements are relayed at once and kept in the
 * lesson's snapshot (written behind, see WhiteboardStore). Text on the board is screened like chat
 * (children could otherwise write a phone number there): the other side gets masked text, the
 * coordinators the original, and the first flagged change of a lesson tells them. Checked against
 * the socket's room pass, so a stroke costs no database read.
 */
export async function shareWhiteboard({ ctx, pass, input }: { ctx: Ctx; pass: RoomPass | undefined; input: WhiteboardInput }) {
  const confirmed = confirmPass(ctx, pass, input.lessonId);
  if (confirmed.role === "observer") throw forbidden("lessons:errors.chat.observer");
  const elements = input.elements as BoardElement[];
  ctx.services.whiteboards.record(input.lessonId, elements.map((element) => ({ author: confirmed.userId, element })));
  const { masked, flags } = screenElements(elements);
  if (flags.length > 0) {
    const { db } = ctx.services;
    const lesson = { id: input.lessonId, organizationId: confirmed.organizationId };
    const before = db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.entityId, lesson.id), eq(auditLog.action, "whiteboard_flagged"))).get();
    if (!before) {
      audit(ctx, lessonAudit("whiteboard_flagged", lesson));
      await notify(ctx.services, coordinatorIdsOf(ctx.services, lesson.organizationId), { kind: "chatFlagged", params: { lessonId: lesson.id } }, ctx.now);
    }
  }
  return { pass: confirmed, masked, original: elements, flags };
}
