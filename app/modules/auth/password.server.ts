import { hash, verify } from "@node-rs/argon2";

// argon2id (the library default) with OWASP's baseline: 19 MiB memory, 2 iterations, 1 lane.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, options);
}

export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(storedHash, secret);
  } catch {
    return false;
  }
}

/** Verifying against this when an account does not exist keeps response times alike (no account probing). */
let dummyHash: Promise<string> | null = null;
export function dummyVerify(secret: string): Promise<boolean> {
  dummyHash ??= hashSecret("tandem-timing-equaliser");
  return dummyHash.then((h) => verifySecret(h, secret)).then(() => false);
}
