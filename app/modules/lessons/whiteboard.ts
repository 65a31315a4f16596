/**
 * The shared whiteboard's scene, pure (used by the server's snapshot and the browser's room).
 *
 * Participants send only the elements they changed. Elements are merged by id with Excalidraw's
 * collaboration rule: the higher `version` wins, and on equal versions the lower `versionNonce`
 * (both sides then agree without talking). Deleted elements stay as tombstones (`isDeleted`), so
 * a deletion reaches a late joiner too. The browser reconciles with its local scene through
 * Excalidraw's own `reconcileElements`; this is the server's and the room state's copy of the rule.
 */
import { screenChat } from "./screening";
import type { ChatFlag } from "./vocabulary";

export interface BoardElement {
  id: string;
  version: number;
  versionNonce: number;
  isDeleted?: boolean;
  text?: string;
  [key: string]: unknown;
}

/** Text fields of an Excalidraw text element; all of them are screened like chat. */
const TEXT_FIELDS = ["text", "originalText", "rawText"] as const;

export function isNewer(incoming: BoardElement, current: BoardElement | undefined): boolean {
  if (!current) return true;
  if (incoming.version !== current.version) return incoming.version > current.version;
  return incoming.versionNonce < current.versionNonce;
}

/** Merges `incoming` into `scene` (by id) and returns the elements that changed it. */
export function mergeInto<T>(scene: Map<string, T>, incoming: readonly T[], elementOf: (item: T) => BoardElement): T[] {
  const applied: T[] = [];
  for (const item of incoming) {
    const element = elementOf(item);
    const current = scene.get(element.id);
    if (current !== undefined && !isNewer(element, elementOf(current))) continue;
    scene.set(element.id, item);
    applied.push(item);
  }
  return applied;
}

/**
 * Screens the text on board elements: contact details are masked for the other side, as in chat.
 * Elements without flagged text are returned as they are (same object).
 */
export function screenElements(elements: readonly BoardElement[]): { masked: BoardElement[]; flags: ChatFlag[] } {
  const flags = new Set<ChatFlag>();
  const masked = elements.map((element) => {
    if (typeof element.text !== "string" && typeof element.originalText !== "string") return element;
    let copy: BoardElement | null = null;
    for (const field of TEXT_FIELDS) {
      const value = element[field];
      if (typeof value !== "string") continue;
      const screened = screenChat(value);
      if (screened.flags.length === 0) continue;
      for (const flag of screened.flags) flags.add(flag);
      copy ??= { ...element };
      copy[field] = screened.masked;
    }
    return copy ?? element;
  });
  return { masked, flags: [...flags] };
}
