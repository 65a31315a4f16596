import { describe, expect, it } from "vitest";
import { isNewer, mergeInto, screenElements, type BoardElement } from "./whiteboard";

const el = (id: string, version: number, versionNonce: number, extra: Partial<BoardElement> = {}): BoardElement => ({ id, version, versionNonce, ...extra });

describe("whiteboard merge", () => {
  it("takes the higher version, and on equal versions the lower nonce", () => {
    expect(isNewer(el("a", 2, 9), el("a", 1, 1))).toBe(true);
    expect(isNewer(el("a", 1, 1), el("a", 2, 9))).toBe(false);
    expect(isNewer(el("a", 3, 1), el("a", 3, 5))).toBe(true);
    expect(isNewer(el("a", 3, 5), el("a", 3, 1))).toBe(false);
    expect(isNewer(el("a", 3, 5), el("a", 3, 5))).toBe(false);
    expect(isNewer(el("a", 1, 1), undefined)).toBe(true);
  });

  it("merges by id in any order to the same scene, and reports what changed", () => {
    const updates = [el("a", 1, 4), el("b", 1, 2), el("a", 3, 7, { x: 5 }), el("b", 2, 1, { isDeleted: true }), el("a", 2, 1)];
    const forward = new Map<string, BoardElement>();
    const backward = new Map<string, BoardElement>();
    const applied = updates.map((u) => mergeInto(forward, [u], (e) => e).length);
    mergeInto(backward, [...updates].reverse(), (e) => e);
    expect(applied).toEqual([1, 1, 1, 1, 0]);
    expect([...forward.values()]).toEqual([el("a", 3, 7, { x: 5 }), el("b", 2, 1, { isDeleted: true })]);
    expect(new Map([...backward.entries()].sort())).toEqual(new Map([...forward.entries()].sort()));
  });
});

describe("whiteboard screening", () => {
  it("masks contact details in every text field and leaves other elements untouched", () => {
    const shape = el("s", 1, 1, { type: "rectangle" });
    const text = el("t", 1, 1, { type: "text", text: "piši mi na ana@gmail.com", originalText: "piši mi na ana@gmail.com" });
    const harmless = el("h", 1, 1, { type: "text", text: "7 × 8 = 56", originalText: "7 × 8 = 56" });
    const { masked, flags } = screenElements([shape, text, harmless]);
    expect(flags).toEqual(["email"]);
    expect(masked[0]).toBe(shape);
    expect(masked[2]).toBe(harmless);
    expect(masked[1]).toEqual({ ...text, text: "piši mi na •••", originalText: "piši mi na •••" });
    expect(text.text).toBe("piši mi na ana@gmail.com"); // the original is not changed
  });
});
