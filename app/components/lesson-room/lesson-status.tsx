import { useTranslation } from "react-i18next";
import type { LessonStatus } from "~/modules/lessons/vocabulary";

const tone: Record<LessonStatus, string> = {
  scheduled: "bg-brand-100 text-brand-900",
  live: "bg-brand-600 text-white",
  completed: "bg-slate-200 text-slate-900",
  cancelled: "bg-slate-200 text-slate-700 line-through",
  missed: "bg-red-100 text-red-900",
};

export function LessonStatusBadge({ status }: { status: LessonStatus }) {
  const { t } = useTranslation("lessons");
  return <span className={`inline-block rounded-full px-3 py-1 text-sm font-semibold ${tone[status]}`}>{t(`status.${status}`)}</span>;
}
