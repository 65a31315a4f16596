import { organizations } from "../../../db/schema";
import type { Ctx } from "../core/services.server";

/** Public: the organisations a student can apply to volunteer with. */
export function listOrganizations({ ctx }: { ctx: Ctx }) {
  return ctx.services.db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(organizations.name).all();
}
