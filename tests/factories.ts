import { randomUUID } from "node:crypto";
import { hashSecret } from "../app/modules/auth/password.server";
import type { Services } from "../app/modules/core/services.server";
import { guardianships, memberships, organizations, programs, users, type Role } from "../db/schema";

/** Factories build exactly the rows a test needs, with unique values; tests never rely on seed data. */
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

export const TEST_PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;

export function createOrganization(services: Services, name = `Društvo ${unique()}`) {
  const org = services.db.insert(organizations).values({ name, slug: `org-${unique()}` }).returning().get();
  services.db.insert(programs).values({ organizationId: org.id, name: "Učna pomoč na daljavo", kind: "learning_help" }).run();
  return org;
}

export async function createUser(
  services: Services,
  { role, organizationId, firstName = "Ana", lastName = "Novak", email }: { role: Role; organizationId: string; firstName?: string; lastName?: string; email?: string | null },
) {
  passwordHash ??= hashSecret(TEST_PASSWORD);
  const address = email === undefined ? (role === "child" ? null : `${role}-${unique()}@example.org`) : email;
  const user = services.db
    .insert(users)
    .values({ email: address, firstName, lastName, passwordHash: address ? await passwordHash : null })
    .returning()
    .get();
  services.db.insert(memberships).values({ userId: user.id, organizationId, role }).run();
  return user;
}

export async function createChildWithGuardian(services: Services, organizationId: string, firstName = "Maja") {
  const child = await createUser(services, { role: "child", organizationId, firstName, lastName: "Zupan" });
  const guardian = await createUser(services, { role: "guardian", organizationId, firstName: "Mojca", lastName: "Zupan" });
  services.db.insert(guardianships).values({ guardianUserId: guardian.id, childUserId: child.id }).run();
  return { child, guardian };
}
