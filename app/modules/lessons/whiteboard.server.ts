import { eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { whiteboardSnapshots } from "../../../db/schema";
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

/**
 * Whiteboard snapshots, written behind the live relay. Strokes arrive several times a second per
 * participant; each is merged into this process's pending changes, and all pending lessons are
 * written together at most once per FLUSH_INTERVAL_MS, merged with what is stored (so several
 * processes behind the Redis adapter each add what they received). Reading a scene merges the
 * stored snapshot with the pending changes, so this process never serves a board older than it saw.
 */
export class WhiteboardStore {
  private readonly pending = new Map<string, Map<string, AuthoredElement>>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly read;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    this.read = db
      .select({ elements: whiteboardSnapshots.elements })
      .from(whiteboardSnapshots)
      .where(eq(whiteboardSnapshots.lessonId, sql.placeholder("lessonId")))
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
    if (!this.timer) {
      this.timer = setTimeout(() => this.flushSafely(), FLUSH_INTERVAL_MS);
      this.timer.unref?.();
    }
  }

  /** The lesson's board: the stored snapshot with pending changes on top. */
  scene(lessonId: string, changes = this.pending.get(lessonId)): AuthoredElement[] {
    const scene = new Map<string, AuthoredElement>();
    const stored = this.read.get({ lessonId });
    if (stored) mergeInto(scene, stored.elements, byElement);
    if (changes) mergeInto(scene, [...changes.values()], byElement);
    return [...scene.values()];
  }

  /** Writes every pending change now (also when a lesson ends and when the server stops). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const now = new Date();
    const batch = [...this.pending.entries()];
    this.pending.clear();
    try {
      this.db.transaction(() => {
        for (const [lessonId, changes] of batch) {
          const elements = this.scene(lessonId, changes);
          try {
            this.db
              .insert(whiteboardSnapshots)
              .values({ lessonId, elements, updatedAt: now })
              .onConflictDoUpdate({ target: whiteboardSnapshots.lessonId, set: { elements, updatedAt: now } })
              .run();
          } catch (error) {
            // The lesson was deleted meanwhile (foreign key): its board goes with it.
            this.log.warn({ err: error }, "whiteboard snapshot of a removed lesson dropped");
          }
        }
      });
    } catch (error) {
      // The database was busy: keep the changes (newer ones that arrived meanwhile win) for the next try.
      for (const [lessonId, changes] of batch) this.record(lessonId, [...changes.values()]);
      throw error;
    }
  }

  private flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.log.error({ err: error }, "whiteboard snapshots could not be written; retrying");
    }
  }
}
