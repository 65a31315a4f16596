import { and, asc, desc, eq } from "drizzle-orm";
import type { z } from "zod";
import { programs, quizAttempts, trainingModules } from "../../../db/schema";
import { audit } from "../audit/record.server";
import { organizationsWhere, requirePermission } from "../auth/permissions";
import type { Ctx } from "../core/services.server";
import { conflict, invalid, notFound } from "../errors";
import { requireVolunteer } from "./access.server";
import { localDate } from "./eligibility";
import { recordHours } from "./hours.server";
import { activateIfReady } from "./status.server";
import type { moduleSchema, programSettingsSchema } from "./schemas";

/** Training is open to volunteers accepted to training and to those already serving. */
function requireTrainee(ctx: Ctx) {
  const access = requireVolunteer(ctx);
  if (!access.profile || !["training", "active", "paused"].includes(access.profile.status)) throw conflict("volunteers:errors.trainingNotOpen");
  return { ...access, profile: access.profile };
}

export function listOwnModules({ ctx }: { ctx: Ctx }) {
  const { user, profile } = requireVolunteer(ctx);
  if (!profile) return [];
  const { db } = ctx.services;
  const modules = db.select().from(trainingModules).where(eq(trainingModules.programId, profile.programId)).orderBy(asc(trainingModules.position), asc(trainingModules.createdAt)).all();
  const attempts = db.select().from(quizAttempts).where(eq(quizAttempts.userId, user.id)).orderBy(desc(quizAttempts.createdAt)).all();
  return modules.map((m) => {
    const mine = attempts.filter((a) => a.moduleId === m.id);
    return { id: m.id, title: m.title, required: m.required, hours: m.hours, passMark: m.passMark, attempts: mine.length, passed: mine.some((a) => a.passed), lastScore: mine[0]?.scorePercent ?? null };
  });
}

/** The module's material and its quiz in a fresh random order; correct answers never leave the server. */
export function getModuleForVolunteer({ ctx, moduleId, random = Math.random }: { ctx: Ctx; moduleId: string; random?: () => number }) {
  const { profile } = requireVolunteer(ctx);
  const module = ctx.services.db.select().from(trainingModules).where(eq(trainingModules.id, moduleId)).get();
  if (!module || !profile || module.programId !== profile.programId) throw notFound("volunteers:errors.module.notFound");
  const questions = module.questions.map(({ id, prompt, options }) => ({ id, prompt, options: options.map((text, index) => ({ index, text })).filter((o) => o.text) }));
  for (let i = questions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [questions[i], questions[j]] = [questions[j]!, questions[i]!];
  }
  return { id: module.id, title: module.title, material: module.material, hours: module.hours, passMark: module.passMark, required: module.required, questions };
}

/**
 * Scores an attempt. Every question of the module must be answered and no answer may belong to
 * another module. The first pass adds the module's hours to the ledger.
 */
export async function submitQuiz({ ctx, moduleId, answers }: { ctx: Ctx; moduleId: string; answers: Record<string, number> }) {
  const { user, profile } = requireTrainee(ctx);
  const { db } = ctx.services;
  const module = db.select().from(trainingModules).where(eq(trainingModules.id, moduleId)).get();
  if (!module || module.programId !== profile.programId) throw notFound("volunteers:errors.module.notFound");
  const questionIds = new Set(module.questions.map((q) => q.id));
  if (Object.keys(answers).some((id) => !questionIds.has(id))) throw invalid("volunteers:errors.answers.foreign");
  if (module.questions.some((q) => answers[q.id] === undefined)) throw invalid("volunteers:errors.answers.incomplete");
  if (module.questions.some((q) => !q.options[answers[q.id]!])) throw invalid("volunteers:errors.answers.invalid");

  const correct = module.questions.filter((q) => answers[q.id] === q.correct).length;
  const scorePercent = Math.round((100 * correct) / module.questions.length);
  const passed = scorePercent >= module.passMark;
  const passedBefore = db
    .select({ id: quizAttempts.id })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, user.id), eq(quizAttempts.moduleId, module.id), eq(quizAttempts.passed, true)))
    .get();
  db.transaction(() => {
    db.insert(quizAttempts).values({ moduleId: module.id, userId: user.id, scorePercent, passed, answers, createdAt: ctx.now }).run();
    if (passed && !passedBefore) {
      recordHours(db, { userId: user.id, organizationId: profile.organizationId, workedOn: localDate(ctx.now), hours: module.hours, kind: "training", source: `module:${module.id}`, description: module.title }, ctx.now);
    }
    audit(ctx, { action: passed ? "pass_quiz" : "fail_quiz", entity: "training_module", entityId: module.id, organizationId: profile.organizationId });
  });
  const activated = passed ? await activateIfReady(ctx, user.id) : false;
  return { scorePercent, passed, passMark: module.passMark, correct, total: module.questions.length, activated };
}

/* ---- administration: modules and required hours per programme ---- */

function requireProgramAdmin(ctx: Ctx, programId: string) {
  requirePermission(ctx.user, "manage:training:org");
  const program = ctx.services.db.select().from(programs).where(eq(programs.id, programId)).get();
  if (!program || !organizationsWhere(ctx.user, "manage:training:org").includes(program.organizationId)) throw notFound();
  return program;
}

export function listProgramsForAdmin({ ctx }: { ctx: Ctx }) {
  requirePermission(ctx.user, "manage:training:org");
  const orgIds = organizationsWhere(ctx.user, "manage:training:org");
  const { db } = ctx.services;
  return db
    .select()
    .from(programs)
    .all()
    .filter((p) => orgIds.includes(p.organizationId))
    .map((program) => ({
      ...program,
      modules: db
        .select({ id: trainingModules.id, title: trainingModules.title, required: trainingModules.required, hours: trainingModules.hours, passMark: trainingModules.passMark })
        .from(trainingModules)
        .where(eq(trainingModules.programId, program.id))
        .orderBy(asc(trainingModules.position), asc(trainingModules.createdAt))
        .all(),
    }));
}

export function updateProgramSettings({ ctx, programId, input }: { ctx: Ctx; programId: string; input: z.infer<typeof programSettingsSchema> }) {
  const program = requireProgramAdmin(ctx, programId);
  ctx.services.db.transaction(() => {
    ctx.services.db.update(programs).set({ requiredTrainingHours: input.requiredTrainingHours }).where(eq(programs.id, programId)).run();
    audit(ctx, { action: "update_program_settings", entity: "program", entityId: programId, organizationId: program.organizationId });
  });
}

export function getModuleForAdmin({ ctx, programId, moduleId }: { ctx: Ctx; programId: string; moduleId: string }) {
  requireProgramAdmin(ctx, programId);
  const module = ctx.services.db.select().from(trainingModules).where(and(eq(trainingModules.id, moduleId), eq(trainingModules.programId, programId))).get();
  if (!module) throw notFound("volunteers:errors.module.notFound");
  return module;
}

export function saveModule({ ctx, programId, moduleId, input }: { ctx: Ctx; programId: string; moduleId: string | null; input: z.infer<typeof moduleSchema> }) {
  const program = requireProgramAdmin(ctx, programId);
  const { db } = ctx.services;
  return db.transaction(() => {
    const existing = moduleId ? db.select().from(trainingModules).where(and(eq(trainingModules.id, moduleId), eq(trainingModules.programId, programId))).get() : null;
    if (moduleId && !existing) throw notFound("volunteers:errors.module.notFound");
    // Question ids stay stable across edits so earlier attempts keep their meaning.
    const questions = input.questions.map((q, i) => ({ ...q, id: existing?.questions[i]?.id ?? crypto.randomUUID() }));
    const values = { title: input.title, material: input.material, required: input.required, hours: input.hours, passMark: input.passMark, questions };
    const id = existing
      ? (db.update(trainingModules).set(values).where(eq(trainingModules.id, existing.id)).run(), existing.id)
      : db.insert(trainingModules).values({ ...values, programId, createdAt: ctx.now }).returning({ id: trainingModules.id }).get().id;
    audit(ctx, { action: existing ? "update_training_module" : "create_training_module", entity: "training_module", entityId: id, organizationId: program.organizationId });
    return id;
  });
}
