import type { Services } from "../../app/modules/core/services.server";
import { localDate, addDays } from "../../app/modules/volunteers/eligibility";
import { recordHours } from "../../app/modules/volunteers/hours.server";
import type { ApplicationInput } from "../../app/modules/volunteers/schemas";
import { agreements, interviews, recordChecks, references, trainingModules, volunteerProfiles, type VolunteerStatus } from "../../db/schema";
import { programOf } from "./children";

/** A complete, valid application as the schema outputs it. */
export function applicationInput(programId: string, overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    programId,
    birthDate: "2003-04-12",
    gender: "female",
    faculty: "Pedagoška fakulteta",
    studyProgramme: "Razredni pouk",
    studyYear: 3,
    languages: [{ code: "sl", level: "native" }, { code: "en", level: "fluent" }],
    subjects: [{ subject: "math", gradeFrom: 1, gradeTo: 9 }],
    slots: [{ start: 1020, end: 1140 }],
    mode: "online",
    municipalityId: 61,
    interests: ["music"],
    motivation: "Rada pomagam otrokom pri matematiki in branju.",
    experienceSpecialNeeds: false,
    experienceAtRisk: true,
    experienceNotes: "",
    capacity: 1,
    ...overrides,
  };
}

export function createVolunteerProfile(services: Services, userId: string, organizationId: string, status: VolunteerStatus = "applied") {
  const { slots, ...rest } = applicationInput(programOf(services, organizationId).id);
  const now = new Date();
  services.db.insert(volunteerProfiles).values({ ...rest, availability: slots, userId, organizationId, status, submittedAt: now, updatedAt: now }).run();
}

/** Records every screening step as done by the coordinator, with a check valid for `validDays`. */
export function completeScreening(services: Services, volunteerUserId: string, coordinatorId: string, validDays = 365) {
  const today = localDate(new Date());
  services.db.insert(interviews).values({ volunteerUserId, heldOn: today, interviewer: "Petra", outcome: "passed", recordedBy: coordinatorId }).run();
  for (const name of ["Učiteljica Ana", "Trener Marko"]) {
    services.db.insert(references).values({ volunteerUserId, name, contact: "041 000 000", outcome: "positive", recordedBy: coordinatorId }).run();
  }
  services.db.insert(recordChecks).values({ volunteerUserId, verifiedOn: today, validUntil: addDays(today, validDays), verifiedBy: coordinatorId }).run();
  services.db.insert(agreements).values({ volunteerUserId, signedOn: today, minMonths: 6, hoursPerWeek: 1.5, nonConvictionStatement: true, recordedBy: coordinatorId }).run();
}

export function addTrainingHours(services: Services, userId: string, organizationId: string, hours: number, source = "workshop:seed") {
  recordHours(services.db, { userId, organizationId, workedOn: localDate(new Date()), hours, kind: "training", source, description: "Uvodna delavnica" }, new Date());
}

export function createTrainingModule(services: Services, programId: string, overrides: Partial<typeof trainingModules.$inferInsert> = {}) {
  return services.db
    .insert(trainingModules)
    .values({
      programId,
      title: "Varno delo z otroki",
      material: "# Varno delo\n\nOtroka nikoli ne prosite za osebne podatke.",
      required: true,
      hours: 1,
      passMark: 100,
      questions: [
        { id: "q-safe-1", prompt: "Ali lahko otroku daste svojo telefonsko številko?", options: ["Da", "Ne"], correct: 1 },
        { id: "q-safe-2", prompt: "Komu sporočite skrb za otroka?", options: ["Nikomur", "Koordinatorju"], correct: 1 },
      ],
      ...overrides,
    })
    .returning()
    .get();
}
