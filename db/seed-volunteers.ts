import { addDays, localDate } from "../app/modules/volunteers/eligibility";
import { zprostTypeOf } from "../app/modules/volunteers/hours.server";
import type { Db } from "./client";
import { agreements, interviews, quizAttempts, recordChecks, references, trainingModules, volunteerHours, volunteerProfiles, volunteerStatusChanges, workshopAttendance, workshops, type VolunteerStatus } from "./schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface DemoVolunteer {
  userId: string;
  status: VolunteerStatus;
  faculty: string;
  studyProgramme: string;
  subjects: { subject: "math" | "slovene" | "english" | "physics" | "chemistry"; gradeFrom: number; gradeTo: number }[];
}

/**
 * Demo volunteers at three points of the journey: active and eligible (screened, trained, with
 * hours: Luka, Sara and Eva, who already tutors Tim), Jan in training, Nina just applied. Dates are
 * relative to today, screening and training well before Eva's first lesson a month ago.
 */
export function seedDemoVolunteers(tx: Tx, { organizationId, programId, coordinatorId, volunteers }: { organizationId: string; programId: string; coordinatorId: string; volunteers: DemoVolunteer[] }) {
  const today = localDate(new Date());
  const now = new Date();
  const module = tx
    .insert(trainingModules)
    .values({
      programId,
      title: "Varno delo z otroki na daljavo",
      material:
        "# Varno delo z otroki na daljavo\n\n- Z otrokom se srečujete samo v Tandemovi učilnici.\n- Otroka nikoli ne prosite za telefonsko številko ali naslov in mu ne dajete svojih.\n- Vsako skrb za otrokovo varnost takoj sporočite koordinatorju z gumbom **Sporoči skrb**.\n",
      required: true,
      hours: 1,
      passMark: 100,
      questions: [
        { id: "demo-q1", prompt: "Ali lahko otroku date svojo telefonsko številko?", options: ["Da, če prosi", "Ne, nikoli"], correct: 1 },
        { id: "demo-q2", prompt: "Komu sporočite skrb za otrokovo varnost?", options: ["Nikomur", "Koordinatorju, takoj", "Otrokovim sošolcem"], correct: 1 },
      ],
    })
    .returning({ id: trainingModules.id })
    .get();
  const workshop = tx
    .insert(workshops)
    .values({ organizationId, programId, kind: "training", title: "Uvodna delavnica za prostovoljce", startsAt: new Date(Date.now() - 35 * 86_400_000), hours: 1.5, location: "Ljubljana, Trubarjeva 5", createdBy: coordinatorId })
    .returning({ id: workshops.id })
    .get();

  for (const v of volunteers) {
    tx.insert(volunteerProfiles)
      .values({
        userId: v.userId,
        organizationId,
        programId,
        status: v.status,
        birthDate: "2002-03-14",
        gender: "unspecified",
        faculty: v.faculty,
        studyProgramme: v.studyProgramme,
        studyYear: 3,
        languages: [{ code: "sl", level: "native" }, { code: "en", level: "fluent" }],
        subjects: v.subjects,
        availability: [{ start: 1020, end: 1140 }, { start: 3900, end: 4020 }],
        mode: "online",
        municipalityId: 61,
        interests: ["music", "sport"],
        motivation: "Rad/-a pomagam otrokom, da odkrijejo, da zmorejo.",
        experienceAtRisk: true,
        submittedAt: new Date(Date.now() - 60 * 86_400_000),
        updatedAt: now,
      })
      .run();
    const path: VolunteerStatus[] = ["applied", "screening", "training", "active"];
    for (const status of path.slice(0, path.indexOf(v.status) + 1)) {
      tx.insert(volunteerStatusChanges).values({ volunteerUserId: v.userId, fromStatus: null, toStatus: status, actorUserId: coordinatorId }).run();
    }
    if (v.status === "applied") continue;
    tx.insert(interviews).values({ volunteerUserId: v.userId, heldOn: addDays(today, -50), interviewer: "Petra Novak", outcome: "passed", recordedBy: coordinatorId }).run();
    for (const name of ["Mentorica prakse", "Razredničarka"]) {
      tx.insert(references).values({ volunteerUserId: v.userId, name, contact: "01 123 45 67", outcome: "positive", recordedBy: coordinatorId }).run();
    }
    tx.insert(recordChecks).values({ volunteerUserId: v.userId, verifiedOn: addDays(today, -48), validUntil: addDays(today, 317), verifiedBy: coordinatorId }).run();
    tx.insert(agreements).values({ volunteerUserId: v.userId, signedOn: addDays(today, -48), minMonths: 6, hoursPerWeek: 1.5, nonConvictionStatement: true, recordedBy: coordinatorId }).run();
    if (v.status !== "active") continue;
    tx.insert(quizAttempts).values({ moduleId: module.id, userId: v.userId, scorePercent: 100, passed: true, answers: { "demo-q1": 1, "demo-q2": 1 } }).run();
    tx.insert(workshopAttendance).values({ workshopId: workshop.id, userId: v.userId, markedBy: coordinatorId, markedAt: now }).run();
    for (const entry of [
      { hours: 1, source: `module:${module.id}`, description: "Varno delo z otroki na daljavo", workedOn: addDays(today, -38) },
      { hours: 1.5, source: `workshop:${workshop.id}`, description: "Uvodna delavnica za prostovoljce", workedOn: addDays(today, -35) },
    ]) {
      tx.insert(volunteerHours).values({ ...entry, userId: v.userId, organizationId, kind: "training", zprostType: zprostTypeOf.training }).run();
    }
  }
}
