import { RateLimiterSQLite, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../../../db/client";

const WINDOW_S = 15 * 60;

/**
 * Failed sign-ins are counted per account and per IP in the shared database, so the limit holds
 * across restarts and across several server processes. Successful sign-in clears the account count.
 */
export function createSignInLimiter(db: Db, limits = { perAccount: 5, perIp: 30, perLink: 5 }) {
  const common = { storeClient: db.$client, storeType: "better-sqlite3" as const, tableName: "rate_limits", tableCreated: false };
  const byAccount = new RateLimiterSQLite({ ...common, keyPrefix: "signin_account", points: limits.perAccount, duration: WINDOW_S, blockDuration: WINDOW_S });
  const byIp = new RateLimiterSQLite({ ...common, keyPrefix: "signin_ip", points: limits.perIp, duration: WINDOW_S, blockDuration: WINDOW_S });
  const byLink = new RateLimiterSQLite({ ...common, keyPrefix: "child_pin", points: limits.perLink, duration: WINDOW_S, blockDuration: WINDOW_S });

  const minutesLeft = (res: RateLimiterRes | null) => Math.max(1, Math.ceil((res?.msBeforeNext ?? WINDOW_S * 1000) / 60000));

  /** Minutes until a blocked key may try again, or null when it may try now. */
  async function blockedFor(limiter: RateLimiterSQLite, key: string, max: number): Promise<number | null> {
    const res = await limiter.get(key);
    return res && res.consumedPoints >= max ? minutesLeft(res) : null;
  }

  async function fail(limiter: RateLimiterSQLite, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
  }

  return {
    async signInBlockedFor(account: string, ip: string): Promise<number | null> {
      const [a, b] = await Promise.all([
        blockedFor(byAccount, account, limits.perAccount),
        blockedFor(byIp, ip, limits.perIp),
      ]);
      return a ?? b;
    },
    async signInFailed(account: string, ip: string): Promise<void> {
      await Promise.all([fail(byAccount, account), fail(byIp, ip)]);
    },
    async signInSucceeded(account: string): Promise<void> {
      await byAccount.delete(account);
    },
    async pinBlockedFor(linkId: string): Promise<number | null> {
      return blockedFor(byLink, linkId, limits.perLink);
    },
    async pinFailed(linkId: string): Promise<void> {
      await fail(byLink, linkId);
    },
    async pinSucceeded(linkId: string): Promise<void> {
      await byLink.delete(linkId);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
