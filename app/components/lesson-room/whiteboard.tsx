import { lazy, Suspense, useEffect, useState } from "react";
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

export function Whiteboard({ langCode }: { langCode: string }) {
  const { t } = useTranslation("lessons");
  const [mounted, setMounted] = useState(false);
  const [open, setOpen] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <section className="card space-y-3" aria-labelledby="whiteboard-title">
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
            <Excalidraw langCode={langCode === "sl" ? "sl-SI" : "en"} />
          </Suspense>
        </div>
      ) : null}
    </section>
  );
}
