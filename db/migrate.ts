import { loadConfig } from "../app/env.server";
import { migrateDb, openDb } from "./client";

const config = loadConfig(process.env);
const db = openDb(config.DATABASE_PATH);
migrateDb(db);
db.$client.close();
console.log("Migrations applied.");
