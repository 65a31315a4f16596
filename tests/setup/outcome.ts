import { DomainError } from "../../app/modules/errors";

/**
 * Runs a domain verb (sync or async) and tells how it ended: "OK", or the domain error's code —
 * with its message key too when `withKey` is set. Any other error propagates and fails the test.
 */
export async function outcomeOf(run: () => unknown, { withKey = false } = {}): Promise<string> {
  try {
    await run();
    return "OK";
  } catch (error) {
    if (error instanceof DomainError) return withKey ? `${error.code} ${error.messageKey}` : error.code;
    throw error;
  }
}
