/**
 * Domain errors carry a code and a translation key. Routes map them to HTTP responses and form
 * errors, socket handlers to acks; the message shown to a user is always `t(messageKey)`.
 */
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT" | "INVALID" | "RATE_LIMITED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "DomainError";
  }
}

export const notFound = (messageKey = "errors.notFound") => new DomainError("NOT_FOUND", messageKey);
export const forbidden = (messageKey = "errors.forbidden") => new DomainError("FORBIDDEN", messageKey);
export const unauthenticated = () => new DomainError("UNAUTHENTICATED", "errors.signInRequired");
export const conflict = (messageKey: string, params?: Record<string, string | number>) =>
  new DomainError("CONFLICT", messageKey, params);
export const invalid = (messageKey: string, params?: Record<string, string | number>) =>
  new DomainError("INVALID", messageKey, params);
export const rateLimited = (minutes: number) => new DomainError("RATE_LIMITED", "errors.rateLimited", { count: minutes });

export const httpStatusOf: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
  CONFLICT: 409,
  INVALID: 400,
  RATE_LIMITED: 429,
};
