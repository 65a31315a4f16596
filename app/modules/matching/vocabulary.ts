/** Match vocabularies (no server imports: safe in the browser). */
export const matchStatuses = ["proposed", "approved", "rejected", "active", "paused", "closed"] as const;
export type MatchStatus = (typeof matchStatuses)[number];

export const responses = ["pending", "accepted", "declined"] as const;
export type MatchResponse = (typeof responses)[number];
