import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

declare global {
  interface Window {
    EXCALIDRAW_ASSET_PATH?: string;
  }
}

/** Excalidraw (≈ 2.4 MB) is fetched only when someone opens the board, and only in the browser. */
const Excalidraw = lazy(async () => {
  window.EXCALIDRAW_ASSET_PATH = "/excalidraw/";
  const module = await import("@excalidraw/excalidraw");
  return { default: module.Excalidraw };
});

type Elements = readonly Record<string, unknown>[];
type SceneApi = { updateScene: (scene: { elements: Elements }) => void };

/** A scene's version: changes whenever any element is added, edited or deleted. */
const versionOf = (elements: Elements) => elements.reduce((sum, e) => sum + (typeof e.version === "number" ? e.version : 0), elements.length);

/**
 * The shared board: local changes go to the other side (throttled); a scene from the other side
 * replaces ours (last writer wins, fine for two people). Scenes we applied are not sent back.
 */
export function Whiteboard({ langCode, remote, onChange }: { langCode: string; remote: { elements: Elements; seq: number }; onChange: (elements: Elements) => void }) {
  const { t } = useTranslation("lessons");
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  const api = useRef<SceneApi | null>(null);
  const lastVersion = useRef(versionOf(remote.elements));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setMounted(true), []);
  useEffect(() => {
    if (remote.seq === 0) return;
    lastVersion.current = versionOf(remote.elements);
    api.current?.updateScene({ elements: remote.elements });
  }, [remote]);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  const changed = (elements: Elements) => {
    const version = versionOf(elements);
    if (version === lastVersion.current) return;
    lastVersion.current = version;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => onChange(elements), 250);
  };
  return (
    <section className="card space-y-3" aria-labelledby="whiteboard-title" data-testid="whiteboard-section" data-remote-elements={remote.elements.filter((e) => !e.isDeleted).length}>
      <div className="flex items-center justify-between gap-2">
        <h2 id="whiteboard-title" className="text-lg font-semibold">
          {t("room.whiteboard")}
        </h2>
        <button type="button" className="btn-secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)} disabled={!mounted}>
          {t(open ? "room.closeWhiteboard" : "room.openWhiteboard")}
        </button>
      </div>
      {mounted && open ? (
        <div className="h-[28rem] overflow-hidden rounded-xl border border-slate-200" data-testid="whiteboard">
          <Suspense fallback={<p className="p-4 text-slate-700">{t("room.loadingWhiteboard")}</p>}>
            <Excalidraw
              langCode={langCode === "sl" ? "sl-SI" : "en"}
              initialData={{ elements: remote.elements as never }}
              excalidrawAPI={(instance) => {
                api.current = instance as unknown as SceneApi;
              }}
              onChange={(elements) => changed(elements as unknown as Elements)}
            />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
