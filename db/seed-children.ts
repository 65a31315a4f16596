import { hashToken } from "../app/modules/core/tokens.server";
import { consentTextVersions, consentPurposes, type ChildStatus } from "../app/modules/children/vocabulary";
import type { Subject } from "../app/modules/core/catalog";
import type { Db } from "./client";
import { childAvailability, childNeeds, childSensitive, children, consents, guardianships, memberships, referrals, signInLinks, users } from "./schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface DemoChild {
  firstName: string;
  lastName: string;
  birthYear: number;
  grade: number;
  school: string;
  status: ChildStatus;
  needs: { subject: Subject; grade: number; priority: number }[];
  /** [start, end) minutes since Monday 00:00, Ljubljana time. */
  availability: [number, number][];
  waitingDays: number;
  guardian: { firstName: string; lastName: string; email: string } | "demo";
  reason: string;
}

const day = 24 * 60;
const demoChildren: DemoChild[] = [
  {
    firstName: "Maja", lastName: "Zupan", birthYear: 2014, grade: 6, school: "OŠ Ledina", status: "waiting",
    needs: [{ subject: "math", grade: 6, priority: 1 }, { subject: "slovene", grade: 6, priority: 2 }],
    availability: [[17 * 60, 19 * 60], [2 * day + 17 * 60, 2 * day + 19 * 60]], waitingDays: 40, guardian: "demo",
    reason: "Družina se je preselila, Maja je zamudila veliko snovi pri matematiki.",
  },
  {
    firstName: "Ema", lastName: "Kralj", birthYear: 2016, grade: 4, school: "OŠ Koseze", status: "waiting",
    needs: [{ subject: "english", grade: 4, priority: 1 }],
    availability: [[17 * 60, 18 * 60 + 30], [day + 16 * 60, day + 18 * 60]], waitingDays: 21,
    guardian: { firstName: "Barbara", lastName: "Kralj", email: "barbara.kralj@tandem.test" },
    reason: "Mama dela v izmenah in hčerki pri učenju ne more pomagati.",
  },
  {
    firstName: "Žan", lastName: "Kos", birthYear: 2012, grade: 8, school: "OŠ Bežigrad", status: "waiting",
    needs: [{ subject: "physics", grade: 8, priority: 1 }],
    availability: [[day + 16 * 60, day + 18 * 60], [3 * day + 16 * 60, 3 * day + 18 * 60]], waitingDays: 12,
    guardian: { firstName: "Tanja", lastName: "Kos", email: "tanja.kos@tandem.test" },
    reason: "Učne težave pri naravoslovnih predmetih.",
  },
  {
    firstName: "Lana", lastName: "Vidmar", birthYear: 2017, grade: 3, school: "OŠ Vič", status: "consent_pending",
    needs: [{ subject: "slovene", grade: 3, priority: 1 }],
    availability: [[4 * day + 15 * 60, 4 * day + 17 * 60]], waitingDays: 0,
    guardian: { firstName: "Marko", lastName: "Vidmar", email: "marko.vidmar@tandem.test" },
    reason: "Bralne težave; šolska svetovalna služba predlaga dodatno pomoč.",
  },
  {
    firstName: "Tim", lastName: "Golob", birthYear: 2012, grade: 8, school: "OŠ Šentvid", status: "matched",
    needs: [{ subject: "chemistry", grade: 8, priority: 1 }],
    availability: [[17 * 60, 19 * 60]], waitingDays: 0,
    guardian: { firstName: "Katja", lastName: "Golob", email: "katja.golob@tandem.test" },
    reason: "Po dolgi bolezni je zaostal pri kemiji; doma nima nikogar, ki bi mu pomagal.",
  },
];

/**
 * Demo children: three waiting for a match (with consents; Žan's physics on Tuesday and Thursday
 * afternoons has no volunteer, so matching explains why), one waiting for consent and Tim, already
 * matched (his lessons are in seed-lessons.ts). Each was referred by the demo professional; Maja's
 * guardian is the demo guardian, with her sign-in link. Returns each child's ids by first name.
 */
export function seedDemoChildren(
  tx: Tx,
  { organizationId, programId, professionalId, coordinatorId, demoGuardianId, passwordHash, pinHash, childLinkToken }: {
    organizationId: string; programId: string; professionalId: string; coordinatorId: string; demoGuardianId: string;
    passwordHash: string; pinHash: string; childLinkToken: string;
  },
) {
  const now = Date.now();
  const seeded: Record<string, { childId: string; userId: string; guardianId: string }> = {};
  for (const c of demoChildren) {
    const childUser = tx.insert(users).values({ email: null, firstName: c.firstName, lastName: c.lastName }).returning({ id: users.id }).get();
    tx.insert(memberships).values({ userId: childUser.id, organizationId, role: "child" }).run();
    let guardianId = demoGuardianId;
    if (c.guardian !== "demo") {
      guardianId = tx.insert(users).values({ ...c.guardian, passwordHash }).returning({ id: users.id }).get().id;
      tx.insert(memberships).values({ userId: guardianId, organizationId, role: "guardian" }).run();
    }
    tx.insert(guardianships).values({ guardianUserId: guardianId, childUserId: childUser.id }).run();
    const waitingSince = c.status === "waiting" ? new Date(now - c.waitingDays * 86_400_000) : null;
    const child = tx
      .insert(children)
      .values({
        userId: childUser.id, organizationId, programId, firstName: c.firstName, lastName: c.lastName, birthYear: c.birthYear, school: c.school,
        grade: c.grade, municipalityId: 61, languages: [{ code: "sl", first: true }], mode: "online", preferences: {}, interests: ["music"],
        specialNeeds: false, status: c.status, waitingSince,
      })
      .returning({ id: children.id })
      .get();
    for (const need of c.needs) tx.insert(childNeeds).values({ childId: child.id, ...need }).run();
    for (const [startMinute, endMinute] of c.availability) tx.insert(childAvailability).values({ childId: child.id, startMinute, endMinute }).run();
    tx.insert(childSensitive).values({ childId: child.id, referralReason: c.reason }).run();
    const guardianName = c.guardian === "demo" ? { guardianFirstName: "Mojca", guardianLastName: "Zupan", guardianEmail: "skrbnica@tandem.test" } : { guardianFirstName: c.guardian.firstName, guardianLastName: c.guardian.lastName, guardianEmail: c.guardian.email };
    tx.insert(referrals)
      .values({
        childId: child.id, organizationId, referredByUserId: professionalId, referrerKind: "professional", professionalInstitution: "CSD Ljubljana",
        professionalRole: "social_worker", ...guardianName, status: "accepted", decidedByUserId: coordinatorId, decidedAt: new Date(now - (c.waitingDays + 2) * 86_400_000),
      })
      .run();
    if (c.status === "waiting" || c.status === "matched") {
      for (const purpose of consentPurposes) {
        tx.insert(consents).values({ childId: child.id, purpose, givenByUserId: guardianId, textVersion: consentTextVersions[purpose], method: "online", givenAt: waitingSince ?? new Date(now - 45 * 86_400_000) }).run();
      }
    }
    if (c.guardian === "demo") {
      tx.insert(signInLinks).values({ userId: childUser.id, tokenHash: hashToken(childLinkToken), pinHash, expiresAt: new Date(now + 365 * 86_400_000), issuedBy: coordinatorId }).run();
    }
    seeded[c.firstName] = { childId: child.id, userId: childUser.id, guardianId };
  }
  return seeded;
}
