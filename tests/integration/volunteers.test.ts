import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../app/modules/core/services.server";
import { saveApplication } from "../../app/modules/volunteers/application.server";
import { getVolunteerRecord, listVolunteers } from "../../app/modules/volunteers/coordinator-views.server";
import { addDays, localDate } from "../../app/modules/volunteers/eligibility";
import { eligibilityOf } from "../../app/modules/volunteers/facts.server";
import { runRecordCheckExpiry } from "../../app/modules/volunteers/record-check-expiry.server";
import { recordAgreement, recordInterview, recordRecordCheck, recordReference } from "../../app/modules/volunteers/screening.server";
import { decide } from "../../app/modules/volunteers/status.server";
import { getModuleForVolunteer, submitQuiz } from "../../app/modules/volunteers/training.server";
import { createWorkshop, markAttendance } from "../../app/modules/volunteers/workshops.server";
import * as applicationRoute from "../../app/routes/volunteer.application";
import * as recordRoute from "../../app/routes/coordination.volunteers.$userId";
import * as moduleRoute from "../../app/routes/admin.programs.$programId.modules.$moduleId";
import { auditLog, emailOutbox, notifications, trainingModules, volunteerHours, volunteerProfiles, volunteerStatusChanges, workshops } from "../../db/schema";
import { createOrganization, createUser } from "../factories";
import { programOf } from "../factories/children";
import { addTrainingHours, applicationInput, completeScreening, createTrainingModule, createVolunteerProfile } from "../factories/volunteers";
import { callRoute } from "../setup/remix";
import { createTestServices, ctxFor, sessionCookie } from "../setup/test-db";
import { outcomeOf } from "../setup/outcome";

const codeOf = (run: () => unknown) => outcomeOf(run, { withKey: true });

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => services.db.$client.close());


async function setup() {
  const org = createOrganization(services);
  const program = programOf(services, org.id);
  const coordinator = await createUser(services, { role: "coordinator", organizationId: org.id, firstName: "Petra", lastName: "Novak" });
  const volunteer = await createUser(services, { role: "volunteer", organizationId: org.id, firstName: "Nina", lastName: "Potočnik" });
  return { org, program, coordinator, volunteer };
}

describe("volunteer application", () => {
  it("rejects a future birth date, an empty week and an unknown municipality, storing nothing", async () => {
    const { program, volunteer } = await setup();
    const cookie = await sessionCookie(services, volunteer.id);
    const base = { programId: program.id, birthDate: "2099-01-01", gender: "female", faculty: "FF", studyProgramme: "Psihologija", studyYear: "2", "languages.sl": "native", mode: "online", municipalityId: "61", motivation: "Želim pomagati otrokom pri učenju." };
    const response = await callRoute(applicationRoute.action, services, { method: "POST", cookie, body: base });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.birthDate).toEqual(["volunteers:errors.birthDate.future"]);
    expect(body.error.slots).toEqual(["errors.availability.empty"]);

    const unknownPlace = await callRoute(applicationRoute.action, services, { method: "POST", cookie, body: { ...base, birthDate: "2002-05-05", slots: "1020", municipalityId: "999" } });
    expect((await unknownPlace.json()).error[""]).toEqual(["errors.municipality.unknown"]);
    expect(services.db.select().from(volunteerProfiles).all()).toHaveLength(0);

    // A real form also sends every unchosen language and grade as an empty value.
    const blanks = { "languages.en": "", "subjects.math.from": "1", "subjects.math.to": "9", "subjects.physics.from": "", "subjects.physics.to": "" };
    const ok = await callRoute(applicationRoute.action, services, { method: "POST", cookie, body: { ...base, ...blanks, birthDate: "2002-05-05", slots: "1020" } });
    expect(ok.status).toBe(302);
    const saved = services.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, volunteer.id)).get()!;
    expect(saved.languages).toEqual([{ code: "sl", level: "native" }]);
    expect(saved.subjects).toEqual([{ subject: "math", gradeFrom: 1, gradeTo: 9 }]);
    expect(saved.availability).toEqual([{ start: 1020, end: 1050 }]);
  });

  it("flags an active volunteer's later edits to coordinators", async () => {
    const { org, program, coordinator, volunteer } = await setup();
    createVolunteerProfile(services, volunteer.id, org.id, "active");
    await saveApplication({ ctx: ctxFor(services, volunteer.id), input: applicationInput(program.id, { capacity: 2, mode: "both" }) });
    const profile = services.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, volunteer.id)).get()!;
    expect(profile.changedFields?.sort()).toEqual(["capacity", "mode"]);
    const [listed] = listVolunteers({ ctx: ctxFor(services, coordinator.id) });
    expect(listed?.changedAt).toBeInstanceOf(Date);
    const note = services.db.select().from(notifications).where(eq(notifications.userId, coordinator.id)).all();
    expect(note.map((n) => n.kind)).toContain("profileChanged");
  });
});

describe("from application to eligible", () => {
  it("walks screening, training and a workshop, with every step recorded", async () => {
    const { org, program, coordinator, volunteer } = await setup();
    const module = createTrainingModule(services, program.id);
    createTrainingModule(services, program.id, { title: "Drug modul", required: false, questions: [{ id: "q-other", prompt: "?", options: ["a", "b"], correct: 0 }] });
    const asVolunteer = () => ctxFor(services, volunteer.id);
    const asCoordinator = () => ctxFor(services, coordinator.id);

    await saveApplication({ ctx: asVolunteer(), input: applicationInput(program.id) });
    await decide({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { decision: "start_screening" } });
    expect(await codeOf(() => decide({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { decision: "accept_to_training" } }))).toBe("CONFLICT volunteers:errors.screeningIncomplete");
    expect(await codeOf(() => submitQuiz({ ctx: asVolunteer(), moduleId: module.id, answers: {} }))).toBe("CONFLICT volunteers:errors.trainingNotOpen");

    const today = localDate(new Date());
    await recordInterview({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { heldOn: today, interviewer: "Petra Novak", outcome: "passed", notes: "" } });
    await recordReference({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { name: "Ana", contact: "041 111 111", outcome: "positive", notes: "" } });
    await recordReference({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { name: "Marko", contact: "041 222 222", outcome: "positive", notes: "" } });
    await recordRecordCheck({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { verifiedOn: today, validUntil: addDays(today, 365) } });
    await recordAgreement({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { signedOn: today, minMonths: 6, hoursPerWeek: 1.5, nonConvictionStatement: "on" } });
    await decide({ ctx: asCoordinator(), volunteerUserId: volunteer.id, input: { decision: "accept_to_training" } });

    // Quiz: answers belonging to another module are refused and change nothing; a failed then a passed attempt.
    expect(await codeOf(() => submitQuiz({ ctx: asVolunteer(), moduleId: module.id, answers: { "q-other": 0, "q-safe-1": 1, "q-safe-2": 1 } }))).toBe("INVALID volunteers:errors.answers.foreign");
    const failed = await submitQuiz({ ctx: asVolunteer(), moduleId: module.id, answers: { "q-safe-1": 0, "q-safe-2": 1 } });
    expect(failed).toMatchObject({ passed: false, scorePercent: 50 });
    const passed = await submitQuiz({ ctx: asVolunteer(), moduleId: module.id, answers: { "q-safe-1": 1, "q-safe-2": 1 } });
    expect(passed).toMatchObject({ passed: true, scorePercent: 100, activated: false });
    expect(eligibilityOf(services.db, volunteer.id, new Date())?.missing).toEqual(["trainingHours"]);

    // Organisational work (a stand at an event) is volunteer work of that ZProst type, not training.
    const eventId = createWorkshop({ ctx: asCoordinator(), input: { kind: "organisational", title: "Stojnica na Tednu vseživljenjskega učenja", startsAt: `${today}T10:00`, hours: 3, location: "Ljubljana" } });
    await markAttendance({ ctx: asCoordinator(), workshopId: eventId, presentIds: [volunteer.id] });
    const eventHours = services.db.select({ kind: volunteerHours.kind, type: volunteerHours.zprostType, hours: volunteerHours.hours }).from(volunteerHours).where(and(eq(volunteerHours.userId, volunteer.id), eq(volunteerHours.source, `workshop:${eventId}`))).all();
    expect(eventHours).toEqual([{ kind: "organisational", type: "organisational", hours: 3 }]);
    expect(eligibilityOf(services.db, volunteer.id, new Date())?.missing).toEqual(["trainingHours"]);

    // A workshop for another organisation's programme is refused and nothing is stored.
    const foreign = programOf(services, createOrganization(services).id);
    expect(await codeOf(() => createWorkshop({ ctx: asCoordinator(), input: { kind: "training", title: "Tuja delavnica", startsAt: `${today}T17:00`, hours: 1, location: "Ljubljana", programId: foreign.id } }))).toBe("INVALID volunteers:errors.program.unknown");
    expect(services.db.select().from(workshops).where(eq(workshops.title, "Tuja delavnica")).all()).toEqual([]);

    const workshopId = createWorkshop({ ctx: asCoordinator(), input: { kind: "training", programId: program.id, title: "Uvodna delavnica", startsAt: `${today}T17:00`, hours: 1.5, location: "Ljubljana" } });
    await markAttendance({ ctx: asCoordinator(), workshopId, presentIds: [volunteer.id] });

    const eligibility = eligibilityOf(services.db, volunteer.id, new Date())!;
    expect(eligibility).toMatchObject({ eligible: true, missing: [] });
    expect(eligibility.facts.trainingHours).toBe(2.5);
    const history = services.db.select().from(volunteerStatusChanges).where(eq(volunteerStatusChanges.volunteerUserId, volunteer.id)).all().map((h) => h.toStatus);
    expect(history).toEqual(["applied", "screening", "training", "active"]);
    const audited = services.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, volunteer.id)).all().map((a) => a.action);
    expect(audited).toEqual(expect.arrayContaining(["status_screening", "status_training", "status_active", "record_interview", "record_record_check", "record_agreement"]));
    const mails = services.db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, volunteer.email!)).all().map((m) => m.subject);
    expect(mails).toContain("Tandem: sprejeti ste na usposabljanje");
    expect(mails).toContain("Tandem: ste aktivni prostovoljec");

    // Unmarking attendance takes the hours back out of the ledger.
    await markAttendance({ ctx: asCoordinator(), workshopId, presentIds: [] });
    expect(services.db.select().from(volunteerHours).where(and(eq(volunteerHours.userId, volunteer.id), eq(volunteerHours.source, `workshop:${workshopId}`))).all()).toHaveLength(0);
    expect(eligibilityOf(services.db, volunteer.id, new Date())?.eligible).toBe(false);
  });

  it("shuffles quiz questions and never sends the correct answers", async () => {
    const { org, program, volunteer } = await setup();
    createVolunteerProfile(services, volunteer.id, org.id, "training");
    const module = createTrainingModule(services, program.id);
    const orders = new Set<string>();
    for (const r of [0.1, 0.9]) {
      const quiz = getModuleForVolunteer({ ctx: ctxFor(services, volunteer.id), moduleId: module.id, random: () => r });
      orders.add(quiz.questions.map((q) => q.id).join());
      expect(JSON.stringify(quiz)).not.toContain("correct");
    }
    expect(orders.size).toBe(2);
  });
});

describe("who may see and do what", () => {
  it("refuses a volunteer posting a coordinator's decision, and changes nothing", async () => {
    const { org, volunteer } = await setup();
    createVolunteerProfile(services, volunteer.id, org.id, "screening");
    const response = await callRoute(recordRoute.action, services, {
      method: "POST",
      cookie: await sessionCookie(services, volunteer.id),
      params: { userId: volunteer.id },
      body: { intent: "decision", decision: "accept_to_training" },
    });
    expect(response.status).toBe(403);
    expect(services.db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, volunteer.id)).get()?.status).toBe("screening");
  });

  it("hides volunteers of other organisations from a coordinator", async () => {
    const { org, volunteer } = await setup();
    createVolunteerProfile(services, volunteer.id, org.id);
    const otherOrg = createOrganization(services);
    const stranger = await createUser(services, { role: "coordinator", organizationId: otherOrg.id });
    expect(listVolunteers({ ctx: ctxFor(services, stranger.id) })).toEqual([]);
    expect(await codeOf(() => getVolunteerRecord({ ctx: ctxFor(services, stranger.id), volunteerUserId: volunteer.id }))).toBe("NOT_FOUND volunteers:errors.volunteer.notFound");
  });
});

describe("record check expiry", () => {
  it("warns once 30 days ahead, then blocks eligibility at expiry and says so", async () => {
    const { org, coordinator, volunteer } = await setup();
    createVolunteerProfile(services, volunteer.id, org.id, "active");
    completeScreening(services, volunteer.id, coordinator.id, 20);
    addTrainingHours(services, volunteer.id, org.id, 2);
    const now = new Date();
    expect(eligibilityOf(services.db, volunteer.id, now)?.eligible).toBe(true);

    expect(await runRecordCheckExpiry(services, now)).toEqual({ warned: 1, expired: 0 });
    expect(await runRecordCheckExpiry(services, now)).toEqual({ warned: 0, expired: 0 });
    const kinds = (userId: string) => services.db.select().from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.kind);
    expect(kinds(volunteer.id)).toEqual(["recordCheckExpiring"]);
    expect(kinds(coordinator.id)).toEqual(["recordCheckExpiring"]);

    const later = new Date(now.getTime() + 22 * 86_400_000);
    expect(eligibilityOf(services.db, volunteer.id, later)).toMatchObject({ eligible: false, missing: ["recordCheck"] });
    expect(await runRecordCheckExpiry(services, later)).toEqual({ warned: 0, expired: 1 });
    expect(kinds(coordinator.id)).toEqual(expect.arrayContaining(["recordCheckExpired"]));
  });
});

describe("training administration", () => {
  it("lets an admin define a module with a quiz, and rejects a module without a correct answer", async () => {
    const { org, program, coordinator } = await setup();
    const admin = await createUser(services, { role: "admin", organizationId: org.id });
    const cookie = await sessionCookie(services, admin.id);
    const base = { title: "Komunikacija z otrokom", material: "# Poslušajte", required: "on", hours: "1.5", passMark: "80", "questions[0].prompt": "Kaj je aktivno poslušanje?", "questions[0].options[0]": "Prekinjanje", "questions[0].options[1]": "Povzemanje", "questions[0].options[2]": "", "questions[0].options[3]": "" };
    const missingCorrect = await callRoute(moduleRoute.action, services, { method: "POST", cookie, params: { programId: program.id, moduleId: "new" }, body: base });
    expect(missingCorrect.status).toBe(400);
    expect((await missingCorrect.json()).error["questions[0].correct"]).toEqual(["volunteers:errors.question.correct"]);
    expect(services.db.select().from(trainingModules).all()).toHaveLength(0);

    const saved = await callRoute(moduleRoute.action, services, { method: "POST", cookie, params: { programId: program.id, moduleId: "new" }, body: { ...base, "questions[0].correct": "1" } });
    expect(saved.status).toBe(302);
    const [module] = services.db.select().from(trainingModules).all();
    expect(module).toMatchObject({ title: "Komunikacija z otrokom", required: true, hours: 1.5, passMark: 80 });
    expect(module!.questions).toEqual([{ id: expect.any(String), prompt: "Kaj je aktivno poslušanje?", options: ["Prekinjanje", "Povzemanje", "", ""], correct: 1 }]);

    const asCoordinator = await callRoute(moduleRoute.action, services, { method: "POST", cookie: await sessionCookie(services, coordinator.id), params: { programId: program.id, moduleId: "new" }, body: { ...base, "questions[0].correct": "1" } });
    expect(asCoordinator.status).toBe(403);
    expect(services.db.select().from(trainingModules).all()).toHaveLength(1);
  });
});
