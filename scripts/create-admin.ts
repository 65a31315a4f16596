/**
 * Creates the first administrator of a production instance (SEED_DEMO=false):
 *   ADMIN_PASSWORD='…' npm run admin:create -- --email ana@example.org --first-name Ana --last-name Novak --organization "Društvo …"
 * The organisation is created when no organisation of that name exists.
 */
import { eq } from "drizzle-orm";
import { parseArgs } from "node:util";
import { z } from "zod";
import { loadConfig } from "../app/env.server";
import { hashSecret } from "../app/modules/auth/password.server";
import { migrateDb, openDb } from "../db/client";
import { memberships, organizations, users } from "../db/schema";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    "first-name": { type: "string" },
    "last-name": { type: "string" },
    organization: { type: "string" },
  },
});

const input = z
  .object({
    email: z.string().trim().toLowerCase().email(),
    firstName: z.string().trim().min(1),
    lastName: z.string().trim().min(1),
    organization: z.string().trim().min(2),
    password: z.string().min(10, "ADMIN_PASSWORD must have at least 10 characters"),
  })
  .safeParse({
    email: values.email,
    firstName: values["first-name"],
    lastName: values["last-name"],
    organization: values.organization,
    password: process.env.ADMIN_PASSWORD,
  });

if (!input.success) {
  console.error("Usage: ADMIN_PASSWORD=… npm run admin:create -- --email E --first-name F --last-name L --organization NAME");
  for (const issue of input.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

const { email, firstName, lastName, organization, password } = input.data;
const db = openDb(loadConfig(process.env).DATABASE_PATH);
migrateDb(db);
const passwordHash = await hashSecret(password);
// "Društvo Sonček" → "drustvo-soncek": accents dropped, everything else that is not a letter or digit a dash.
const slug = organization.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

if (db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
  console.error(`An account with the e-mail ${email} already exists: nothing was created.`);
  db.$client.close();
  process.exit(1);
}

db.transaction((tx) => {
  const org =
    tx.select().from(organizations).where(eq(organizations.name, organization)).get() ??
    tx.insert(organizations).values({ name: organization, slug }).returning().get();
  const user = tx.insert(users).values({ email, firstName, lastName, passwordHash }).returning({ id: users.id }).get();
  tx.insert(memberships).values({ userId: user.id, organizationId: org.id, role: "admin" }).run();
});
db.$client.close();
console.log("Administrator created. Sign in at /sign-in.");
