import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDb, openDb } from "../../db/client";

declare module "vitest" {
  export interface ProvidedContext {
    baseDbPath: string;
  }
}

/** Migrates one base database for the whole run; every test file works on its own copy of it. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "tandem-test-"));
  const baseDbPath = join(dir, "base.db");
  const db = openDb(baseDbPath);
  migrateDb(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  project.provide("baseDbPath", baseDbPath);
  return () => rmSync(dir, { recursive: true, force: true });
}
