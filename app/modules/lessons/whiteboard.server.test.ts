import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { whiteboardElements } from "../../../db/schema";
import { createActiveMatch, createLesson } from "../../../tests/factories/lessons";
import { createTestServices } from "../../../tests/setup/test-db";
import type { Services } from "../core/services.server";
import { FLUSH_INTERVAL_MS, WhiteboardStore } from "./whiteboard.server";

let services: Services;
beforeEach(() => {
  services = createTestServices();
});
afterEach(() => {
  vi.useRealTimers();
  services.db.$client.close();
});

describe("whiteboard store", () => {
  it("writes behind in chunks with the event loop free in between, newest version per element", async () => {
    const lessons = [];
    for (let k = 0; k < 3; k++) {
      const { match, volunteer } = await createActiveMatch(services);
      lessons.push({ lesson: createLesson(services, match, new Date()), author: volunteer.id });
    }
    vi.useFakeTimers();
    const store = new WhiteboardStore(services.db, services.log);
    for (const { lesson, author } of lessons) {
      const elements = Array.from({ length: 60 }, (_, k) => ({ id: `e${k}`, version: 2, versionNonce: 1 }));
      store.record(lesson.id, elements.map((element) => ({ author, element })));
      store.record(lesson.id, [{ author, element: { id: "e0", version: 1, versionNonce: 1, stale: true } }]); // older: ignored
    }
    const stored = () => services.db.select().from(whiteboardElements).all().length;
    expect(stored()).toBe(0);
    vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
    // Whole lessons until a chunk (100 rows) is reached: two lessons (120 rows) in the first turn, the third in the next.
    expect(stored()).toBe(120);
    vi.advanceTimersByTime(1);
    expect(stored()).toBe(180);
    const first = services.db.select().from(whiteboardElements).where(eq(whiteboardElements.elementId, "e0")).all();
    expect(first.every((row) => row.version === 2 && !("stale" in row.element))).toBe(true);
    // Meanwhile every board is served from memory and database alike.
    expect(store.scene(lessons[2]!.lesson.id)).toHaveLength(60);
  });
});
