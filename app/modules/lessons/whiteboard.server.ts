import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { whiteboardElements } from "../../../db/schema";
import type { Logger } from "../core/logger.server";
import { mergeInto, type BoardElement } from "./whiteboard";

/** A board element with the participant who last changed it (text is masked for the other one). */
export interface AuthoredElement {
  author: string;
  element: BoardElement;
}

const byElement = (item: AuthoredElement) => item.element;
/** Longest time a change waits in memory before it is written (this process serves it meanwhile). */
export const FLUSH_INTERVAL_MS = 1000;
/** Rows written per turn of the event loop in the background, so writing never stalls live lessons. */
export const FLUSH_CHUNK_ROWS = 100;

/**
 * Whiteboard boards, written behind the live relay. Strokes arrive several times a second per
 * participant; each is merged into this process's pending changes, which are written at most once
 * per FLUSH_INTERVAL_MS, in chunks of about FLUSH_CHUNK_ROWS rows with the event loop free in
 * between (a thousand lessons' strokes at once held sockets up for tens of milliseconds), each row
 * replaced only by a newer version
 * (so several processes behind the Redis adapter each add what they received, in any order).
 * Reading a board merges the stored rows with the pending changes, so this process never serves a
 * board older than it has seen.
 */
export class WhiteboardStore {
  private readonly pending = new Map<string, Map<string, AuthoredElement>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly read;
  private readonly upsert;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    const t = whiteboardElements;
    this.read = db
      .select({ author: t.authorUserId, element: t.element })
      .from(t)
      .where(eq(t.lessonId, sql.placeholder("lessonId")))
      .prepare();
    // Excalidraw's rule in SQL: the stored row gives way only to a higher version, or to the same
    // version with a lower nonce.
    this.upsert = db
      .insert(t)
      .values({
        lessonId: sql.placeholder("lessonId"),
        elementId: sql.placeholder("elementId"),
        version: sql.placeholder("version"),
        versionNonce: sql.placeholder("versionNonce"),
        authorUserId: sql.placeholder("author"),
        element: sql.placeholder("element"),
        updatedAt: sql.placeholder("updatedAt"),
      })
      .onConflictDoUpdate({
        target: [t.lessonId, t.elementId],
        set: { version: sql`excluded.version`, versionNonce: sql`excluded.version_nonce`, authorUserId: sql`excluded.author_user_id`, element: sql`excluded.element`, updatedAt: sql`excluded.updated_at` },
        setWhere: sql`excluded.version > ${t.version} or (excluded.version = ${t.version} and excluded.version_nonce < ${t.versionNonce})`,
      })
      .prepare();
  }

  /** Records changed elements; an element older than what this process already has is ignored. */
  record(lessonId: string, items: readonly AuthoredElement[]): void {
    let changes = this.pending.get(lessonId);
    if (!changes) {
      changes = new Map();
      this.pending.set(lessonId, changes);
    }
    mergeInto(changes, items, byElement);
    this.schedule(FLUSH_INTERVAL_MS);
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeChunk();
    }, delayMs);
    this.timer.unref?.();
  }

  private writeChunk(): void {
    try {
      if (this.write(FLUSH_CHUNK_ROWS)) this.schedule(0);
    } catch (error) {
      this.log.error({ err: error }, "whiteboard could not be written; retrying");
      this.schedule(FLUSH_INTERVAL_MS);
    }
  }

  /** The lesson's board: the stored elements with this process's pending changes on top. */
  scene(lessonId: string): AuthoredElement[] {
    const scene = new Map<string, AuthoredElement>();
    mergeInto(scene, this.read.all({ lessonId }), byElement);
    const changes = this.pending.get(lessonId);
    if (changes) mergeInto(scene, [...changes.values()], byElement);
    return [...scene.values()];
  }

  /** Writes every pending change now (when a lesson ends and when the server stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.write(Infinity);
  }

  /** Writes whole lessons' changes until about `limit` rows; true when changes are left. */
  private write(limit: number): boolean {
    const batch: [string, Map<string, AuthoredElement>][] = [];
    let rows = 0;
    for (const entry of this.pending) {
      if (rows >= limit) break;
      batch.push(entry);
      rows += entry[1].size;
    }
    for (const [lessonId] of batch) this.pending.delete(lessonId);
    const updatedAt = new Date();
    try {
      this.db.transaction(() => {
        for (const [lessonId, changes] of batch) {
          try {
            for (const { author, element } of changes.values()) {
              this.upsert.run({ lessonId, elementId: element.id, version: element.version, versionNonce: element.versionNonce, author, element, updatedAt });
            }
          } catch (error) {
            // The lesson was deleted meanwhile (foreign key): its board goes with it.
            if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_FOREIGNKEY") throw error;
            this.log.warn("whiteboard of a removed lesson dropped");
          }
        }
      });
    } catch (error) {
      // The database was busy: keep the changes (newer ones that arrived meanwhile win) for the next try.
      for (const [lessonId, changes] of batch) this.record(lessonId, [...changes.values()]);
      throw error;
    }
    return this.pending.size > 0;
  }
}
