import { z } from "zod";
import { criteria, type Criterion } from "./fit";

const weight = z.coerce
  .number({ invalid_type_error: "matches:errors.weight.invalid", required_error: "matches:errors.weight.invalid" })
  .min(0, "matches:errors.weight.negative")
  .max(100, "matches:errors.weight.tooLarge");

/** Matching weights of a programme: every criterion non-negative, and not all of them zero. */
export const weightsSchema = z
  .object(Object.fromEntries(criteria.map((c) => [c, weight])) as Record<Criterion, typeof weight>)
  .refine((weights) => Object.values(weights).some((w) => w > 0), { message: "matches:errors.weight.allZero" });
