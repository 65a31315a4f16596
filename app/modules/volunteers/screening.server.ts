import type { z } from "zod";
import { agreements, interviews, recordChecks, references } from "../../../db/schema";
import { audit } from "../audit/record.server";
import type { Ctx } from "../core/services.server";
import { conflict } from "../errors";
import { requireCoordinatedVolunteer } from "./access.server";
import { activateIfReady } from "./status.server";
import type { agreementSchema, interviewSchema, recordCheckSchema, referenceSchema } from "./schemas";

/** Screening is recorded while an application is open or the volunteer serves (renewals). */
function requireOpenVolunteer(ctx: Ctx, volunteerUserId: string) {
  const access = requireCoordinatedVolunteer(ctx, volunteerUserId);
  if (access.profile.status === "rejected" || access.profile.status === "inactive") throw conflict("volunteers:errors.applicationClosed");
  return access;
}

function recorded(ctx: Ctx, action: string, volunteerUserId: string, organizationId: string) {
  audit(ctx, { action, entity: "volunteer", entityId: volunteerUserId, organizationId });
}

export async function recordInterview({ ctx, volunteerUserId, input }: { ctx: Ctx; volunteerUserId: string; input: z.infer<typeof interviewSchema> }) {
  const { coordinator, profile } = requireOpenVolunteer(ctx, volunteerUserId);
  ctx.services.db.transaction(() => {
    ctx.services.db.insert(interviews).values({ ...input, volunteerUserId, recordedBy: coordinator.id, createdAt: ctx.now }).run();
    recorded(ctx, "record_interview", volunteerUserId, profile.organizationId);
  });
  await activateIfReady(ctx, volunteerUserId);
}

export async function recordReference({ ctx, volunteerUserId, input }: { ctx: Ctx; volunteerUserId: string; input: z.infer<typeof referenceSchema> }) {
  const { coordinator, profile } = requireOpenVolunteer(ctx, volunteerUserId);
  ctx.services.db.transaction(() => {
    ctx.services.db.insert(references).values({ ...input, volunteerUserId, recordedBy: coordinator.id, createdAt: ctx.now }).run();
    recorded(ctx, "record_reference", volunteerUserId, profile.organizationId);
  });
  await activateIfReady(ctx, volunteerUserId);
}

/** The check is stored as a fact ("verified on DATE by COORDINATOR, valid until DATE"), no scan. */
export async function recordRecordCheck({ ctx, volunteerUserId, input }: { ctx: Ctx; volunteerUserId: string; input: z.infer<typeof recordCheckSchema> }) {
  const { coordinator, profile } = requireOpenVolunteer(ctx, volunteerUserId);
  ctx.services.db.transaction(() => {
    ctx.services.db.insert(recordChecks).values({ ...input, volunteerUserId, verifiedBy: coordinator.id, createdAt: ctx.now }).run();
    recorded(ctx, "record_record_check", volunteerUserId, profile.organizationId);
  });
  await activateIfReady(ctx, volunteerUserId);
}

export async function recordAgreement({ ctx, volunteerUserId, input }: { ctx: Ctx; volunteerUserId: string; input: z.infer<typeof agreementSchema> }) {
  const { coordinator, profile } = requireOpenVolunteer(ctx, volunteerUserId);
  ctx.services.db.transaction(() => {
    ctx.services.db
      .insert(agreements)
      .values({ ...input, nonConvictionStatement: true, volunteerUserId, recordedBy: coordinator.id, createdAt: ctx.now })
      .run();
    recorded(ctx, "record_agreement", volunteerUserId, profile.organizationId);
  });
  await activateIfReady(ctx, volunteerUserId);
}
