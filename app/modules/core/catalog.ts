import { z } from "zod";

/**
 * Shared vocabularies of the domain (isomorphic: used by forms, schemas, scoring). Labels are in
 * the translation files under `catalog.*`.
 */
export const subjects = ["math", "slovene", "english", "german", "physics", "chemistry", "biology", "history", "geography"] as const;
export type Subject = (typeof subjects)[number];

export const languages = ["sl", "en", "hr", "bs", "sr", "sq", "uk", "de", "it", "hu"] as const;
export type Language = (typeof languages)[number];

export const languageLevels = ["native", "fluent", "basic"] as const;
export type LanguageLevel = (typeof languageLevels)[number];

/** Kinds of programme (labels under `programKinds.*` in common.json). */
export const programKinds = ["learning_help", "mentoring", "counseling"] as const;
export type ProgramKind = (typeof programKinds)[number];

export const modes = ["online", "in_person", "both"] as const;
export type Mode = (typeof modes)[number];

/**
 * One grade scale for matching: 1–9 are primary school (osnovna šola, 1.–9. razred) and 10–13
 * are secondary school (srednja šola, 1.–4. letnik).
 */
export const MIN_GRADE = 1;
export const MAX_GRADE = 13;
export const PRIMARY_LAST_GRADE = 9;
export const grades = Array.from({ length: MAX_GRADE }, (_, i) => i + 1);

/** `{ key, params }` to render a grade as "6. razred" or "2. letnik" in either language. */
export function gradeLabel(grade: number): { key: string; params: { n: number } } {
  return grade <= PRIMARY_LAST_GRADE
    ? { key: "catalog.grade.primary", params: { n: grade } }
    : { key: "catalog.grade.secondary", params: { n: grade - PRIMARY_LAST_GRADE } };
}

export const gradeSchema = z.coerce
  .number({ invalid_type_error: "errors.grade.range" })
  .int("errors.grade.range")
  .min(MIN_GRADE, "errors.grade.range")
  .max(MAX_GRADE, "errors.grade.range");
