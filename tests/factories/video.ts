import type { Services } from "../../app/modules/core/services.server";
import { consentTextVersions } from "../../app/modules/children/vocabulary";
import { consents } from "../../db/schema";

/** The guardian's consent to video lessons (without it a lesson's call is audio only). */
export function giveVideoConsent(services: Services, childId: string, guardianUserId: string) {
  services.db.insert(consents).values({ childId, purpose: "video", givenByUserId: guardianUserId, textVersion: consentTextVersions.video, method: "online", givenAt: new Date() }).run();
}
