import { sqliteTable, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, id, timestamp } from "./columns";
import { organizations } from "./organizations";

export const locales = ["sl", "en"] as const;
export type Locale = (typeof locales)[number];

export const users = sqliteTable("users", {
  id: id(),
  /** Children have no e-mail; every other account signs in with one. */
  email: text("email").unique(),
  passwordHash: text("password_hash"),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  locale: text("locale", { enum: locales }).notNull().default("sl"),
  disabledAt: timestamp("disabled_at"),
  createdAt: createdAt(),
});

export const roles = ["admin", "coordinator", "volunteer", "guardian", "child", "professional"] as const;
export type Role = (typeof roles)[number];

export const memberships = sqliteTable(
  "memberships",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_role").on(t.userId, t.organizationId, t.role),
    index("memberships_org_role").on(t.organizationId, t.role),
  ],
);

/** A guardian's legal link to a child's account. */
export const guardianships = sqliteTable(
  "guardianships",
  {
    id: id(),
    guardianUserId: text("guardian_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    childUserId: text("child_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("guardianships_pair").on(t.guardianUserId, t.childUserId),
    index("guardianships_child").on(t.childUserId),
  ],
);

export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
