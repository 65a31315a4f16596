import { eq } from "drizzle-orm";
import type { z } from "zod";
import { memberships, organizations, users } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { conflict, invalid } from "../errors";
import { hashSecret } from "./password.server";
import type { signUpSchema } from "./schemas";

/** A student creates a volunteer account in the organisation they choose; screening follows. */
export async function signUpVolunteer({ ctx, input }: { ctx: Ctx; input: z.infer<typeof signUpSchema> }) {
  const { db } = ctx.services;
  const organization = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId)).get();
  if (!organization) throw invalid("errors.organization.unknown");
  const passwordHash = await hashSecret(input.password);
  return db.transaction((tx) => {
    const existing = tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (existing) throw conflict("errors.email.taken");
    const [user] = tx
      .insert(users)
      .values({ email: input.email, passwordHash, firstName: input.firstName, lastName: input.lastName, locale: ctx.locale })
      .returning({ id: users.id })
      .all();
    tx.insert(memberships).values({ userId: user!.id, organizationId: organization.id, role: "volunteer" }).run();
    audit({ ...ctx, user: null }, { action: "create", entity: "user", entityId: user!.id, organizationId: organization.id });
    return user!.id;
  });
}
