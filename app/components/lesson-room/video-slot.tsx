import { useTranslation } from "react-i18next";

/** Where the video call goes (next issue: LiveKit or peer-to-peer WebRTC). Until then, a calm placeholder. */
export function VideoSlot({ large = false }: { large?: boolean }) {
  const { t } = useTranslation("lessons");
  return (
    <section aria-label={t("room.video")} className={`flex items-center justify-center rounded-2xl bg-slate-800 text-center text-slate-100 aspect-video w-full ${large ? "text-xl" : ""}`} data-testid="video-slot">
      <p className="max-w-xs p-4 text-lg">{t("room.videoSoon")}</p>
    </section>
  );
}
