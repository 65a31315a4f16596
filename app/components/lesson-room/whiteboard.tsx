import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardElement } from "~/modules/lessons/whiteboard";

declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string;
  }
}

type ExcalidrawModule = typeof import("@excalidraw/excalidraw");

/** Excalidraw (≈ 2.4 MB) is fetched only when someone opens the board, and only in the browser. */
let loading: Promise<ExcalidrawModule> | null = null;
function loadExcalidraw(): Promise<ExcalidrawModule> {
  window.EXCALIDRAW_ASSET_PATH = "/excalidraw/";
  loading ??= import("@excalidraw/excalidraw");
  return loading;
}
const Excalidraw = lazy(async () => ({ default: (await loadExcalidraw()).Excalidraw }));

type SceneApi = {
  updateScene: (scene: { elements: readonly unknown[]; captureUpdate?: unknown }) => void;
  getSceneElementsIncludingDeleted: () => readonly unknown[];
  getAppState: () => unknown;
};

/** How often local changes go to the other side while drawing (a stroke shows up as it grows). */
const SEND_EVERY_MS = 200;

const stamp = (element: BoardElement) => `${element.version}:${element.versionNonce}`;

/**
 * The shared board. Only changed elements travel: each side remembers which version of every
 * element it has sent or received and sends the ones that differ, at most every SEND_EVERY_MS.
 * Elements from the other side are reconciled with the local scene by Excalidraw's own rule
 * (higher version wins), so two people drawing at once both keep their strokes. Observers see the
 * board read-only.
 */
export function Whiteboard({ langCode, board, readOnly = false, onChange }: { langCode: string; board: { elements: BoardElement[]; seq: number }; readOnly?: boolean; onChange: (elements: BoardElement[]) => void }) {
  const { t } = useTranslation("lessons");
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const api = useRef<SceneApi | null>(null);
  const known = useRef(new Map<string, string>());
  const latest = useRef<readonly BoardElement[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const frame = useRef<HTMLDivElement | null>(null);
  useEffect(() => setMounted(true), []);

  // Excalidraw's menu button has an icon but no name (axe: button-name); name it for screen readers.
  // It re-renders the button when the layout changes, so keep watching while the board is open.
  const menuLabel = t("room.whiteboardMenu");
  useEffect(() => {
    const container = frame.current;
    if (!open || !container) return;
    const name = () => container.querySelectorAll(".main-menu-trigger:not([aria-label])").forEach((button) => button.setAttribute("aria-label", menuLabel));
    const observer = new MutationObserver(name);
    observer.observe(container, { childList: true, subtree: true });
    name();
    return () => observer.disconnect();
  }, [open, menuLabel]);

  useEffect(() => {
    for (const element of board.elements) known.current.set(element.id, stamp(element));
    const scene = api.current;
    if (!scene || board.seq === 0) return;
    void loadExcalidraw().then(({ reconcileElements, CaptureUpdateAction }) => {
      const merged = reconcileElements(scene.getSceneElementsIncludingDeleted() as never, board.elements as never, scene.getAppState() as never);
      scene.updateScene({ elements: merged, captureUpdate: CaptureUpdateAction.NEVER });
    });
    // Only arrivals from the other side (a new seq) need reconciling; `elements` changes with our own strokes too.
  }, [board.seq]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const sendChanges = () => {
    timer.current = null;
    const changed = latest.current.filter((element) => known.current.get(element.id) !== stamp(element));
    if (changed.length === 0) return;
    for (const element of changed) known.current.set(element.id, stamp(element));
    onChange(changed.map((element) => ({ ...element })));
  };
  const changed = (elements: readonly BoardElement[]) => {
    if (readOnly) return;
    latest.current = elements;
    timer.current ??= setTimeout(sendChanges, SEND_EVERY_MS);
  };

  return (
    <section className="card space-y-3" aria-labelledby="whiteboard-title" data-testid="whiteboard-section" data-board-elements={board.elements.filter((e) => !e.isDeleted).length}>
      <div className="flex items-center justify-between gap-2">
        <h2 id="whiteboard-title" className="text-lg font-semibold">
          {t("room.whiteboard")}
        </h2>
        <button type="button" className="btn-secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={!mounted}>
          {t(open ? "room.closeWhiteboard" : "room.openWhiteboard")}
        </button>
      </div>
      {mounted && open ? (
        <div ref={frame} className="h-[28rem] overflow-hidden rounded-xl border border-slate-200" data-testid="whiteboard">
          <Suspense fallback={<p className="p-4 text-slate-700">{t("room.loadingWhiteboard")}</p>}>
            <Excalidraw
              langCode={langCode === "sl" ? "sl-SI" : "en"}
              viewModeEnabled={readOnly}
              initialData={{ elements: board.elements as never }}
              excalidrawAPI={(instance) => {
                api.current = instance as unknown as SceneApi;
              }}
              onChange={(elements) => changed(elements as unknown as readonly BoardElement[])}
            />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
