import { z } from "zod";

/** Payloads of the peer-to-peer signalling events (socket.io), validated on arrival. */
const lessonId = z.string().min(1).max(64);

export const videoJoinSchema = z.object({ lessonId });

const sdp = z.object({ type: z.enum(["offer", "answer", "pranswer", "rollback"]), sdp: z.string().max(100_000).optional() }).strict();
const candidate = z
  .object({
    candidate: z.string().max(2_000),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .strict();

/** One offer, answer or ICE candidate for one peer (a socket id) of the same lesson call. */
export const videoSignalSchema = z
  .object({ lessonId, to: z.string().min(1).max(64), description: sdp.optional(), candidate: candidate.nullable().optional() })
  .strict()
  .refine((s) => s.description !== undefined || s.candidate !== undefined, { message: "video:errors.payload" });

export type VideoSignalInput = z.infer<typeof videoSignalSchema>;
