import { hashSecret } from "../app/modules/auth/password.server";
import type { Db } from "./client";
import { seedDemoChildren } from "./seed-children";
import { seedDemoLessons } from "./seed-lessons";
import { seedDemoVolunteers } from "./seed-volunteers";
import { memberships, organizations, programs, users, type Role } from "./schema";

/**
 * Demo data for a first look and for demonstrations: one youth association in Ljubljana with its
 * two programmes and one account per role. Tests never rely on it (they use tests/factories.ts).
 */
export const demoAccounts = {
  password: "Tandem-demo-2026",
  childLinkToken: "demo-maja-vstop",
  childPin: "2468",
  list: [
    { role: "admin", email: "admin@tandem.test", firstName: "Tomaž", lastName: "Kranjc" },
    { role: "coordinator", email: "koordinatorka@tandem.test", firstName: "Petra", lastName: "Novak" },
    { role: "volunteer", email: "prostovoljec@tandem.test", firstName: "Luka", lastName: "Horvat" },
    { role: "guardian", email: "skrbnica@tandem.test", firstName: "Mojca", lastName: "Zupan" },
    { role: "professional", email: "strokovna.delavka@tandem.test", firstName: "Irena", lastName: "Kovač" },
  ] satisfies { role: Role; email: string; firstName: string; lastName: string }[],
};

const moreVolunteers = [
  { firstName: "Nina", lastName: "Potočnik", email: "nina.potocnik@tandem.test" },
  { firstName: "Jan", lastName: "Mlakar", email: "jan.mlakar@tandem.test" },
  { firstName: "Sara", lastName: "Kovačič", email: "sara.kovacic@tandem.test" },
  { firstName: "Eva", lastName: "Rozman", email: "eva.rozman@tandem.test" },
];

/** Seeds the demo organisation into an empty database; returns false when data already exists. */
export async function seedDemo(db: Db): Promise<boolean> {
  if (db.select({ id: organizations.id }).from(organizations).limit(1).get()) return false;
  const passwordHash = await hashSecret(demoAccounts.password);
  const pinHash = await hashSecret(demoAccounts.childPin);

  const pair = db.transaction((tx) => {
    const [org] = tx
      .insert(organizations)
      .values({ name: "Mladinsko združenje Iskra Ljubljana", slug: "iskra-ljubljana", municipalityId: 61 })
      .returning()
      .all();
    const [learningHelp] = tx
      .insert(programs)
      .values([
        {
          organizationId: org!.id,
          name: "Učna pomoč na daljavo",
          kind: "learning_help",
          description: "Prostovoljci in prostovoljke enkrat ali dvakrat na teden na daljavo pomagajo osnovnošolcem pri učenju.",
          lessonMinutes: 45,
        },
        {
          organizationId: org!.id,
          name: "Mentorstvo Opora",
          kind: "mentoring",
          description: "Mentorski program za otroke staršev z izkušnjo zasvojenosti; mentorji so študenti psihologije, pedagogike in socialnega dela.",
          lessonMinutes: 60,
        },
      ])
      .returning({ id: programs.id })
      .all();

    const addUser = (values: { email: string | null; firstName: string; lastName: string }, role: Role) => {
      const [user] = tx
        .insert(users)
        .values({ ...values, passwordHash: values.email ? passwordHash : null })
        .returning({ id: users.id })
        .all();
      tx.insert(memberships).values({ userId: user!.id, organizationId: org!.id, role }).run();
      return user!.id;
    };

    const ids = Object.fromEntries(demoAccounts.list.map((a) => [a.role, addUser(a, a.role)])) as Record<string, string>;
    const [nina, jan, sara, eva] = moreVolunteers.map((volunteer) => addUser(volunteer, "volunteer"));
    seedDemoVolunteers(tx, {
      organizationId: org!.id,
      programId: learningHelp!.id,
      coordinatorId: ids.coordinator!,
      volunteers: [
        { userId: ids.volunteer!, status: "active", faculty: "Fakulteta za matematiko in fiziko", studyProgramme: "Pedagoška matematika", subjects: [{ subject: "math", gradeFrom: 4, gradeTo: 9 }, { subject: "physics", gradeFrom: 8, gradeTo: 9 }] },
        { userId: sara!, status: "active", faculty: "Filozofska fakulteta", studyProgramme: "Psihologija", subjects: [{ subject: "english", gradeFrom: 1, gradeTo: 9 }, { subject: "slovene", gradeFrom: 1, gradeTo: 6 }] },
        { userId: jan!, status: "training", faculty: "Filozofska fakulteta", studyProgramme: "Anglistika", subjects: [{ subject: "english", gradeFrom: 1, gradeTo: 9 }] },
        { userId: eva!, status: "active", faculty: "Fakulteta za kemijo in kemijsko tehnologijo", studyProgramme: "Kemija", subjects: [{ subject: "chemistry", gradeFrom: 8, gradeTo: 9 }] },
        { userId: nina!, status: "applied", faculty: "Pedagoška fakulteta", studyProgramme: "Razredni pouk", subjects: [{ subject: "slovene", gradeFrom: 1, gradeTo: 5 }, { subject: "math", gradeFrom: 1, gradeTo: 5 }] },
      ],
    });
    const seeded = seedDemoChildren(tx, {
      organizationId: org!.id,
      programId: learningHelp!.id,
      professionalId: ids.professional!,
      coordinatorId: ids.coordinator!,
      demoGuardianId: ids.guardian!,
      passwordHash,
      pinHash,
      childLinkToken: demoAccounts.childLinkToken,
    });
    const tim = seeded.Tim!;
    return { organizationId: org!.id, programId: learningHelp!.id, coordinatorId: ids.coordinator!, volunteerId: eva!, childId: tim.childId, childUserId: tim.userId, guardianId: tim.guardianId };
  });
  // The lessons go through the lesson verbs' own helpers, which take the database itself.
  db.transaction(() => seedDemoLessons(db, pair));
  return true;
}
