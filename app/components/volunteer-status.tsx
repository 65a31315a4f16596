import { useTranslation } from "react-i18next";
import type { VolunteerStatus } from "~/modules/volunteers/vocabulary";

const tone: Record<VolunteerStatus, string> = {
  applied: "bg-sun-100 text-slate-900",
  screening: "bg-sun-100 text-slate-900",
  training: "bg-brand-100 text-brand-900",
  active: "bg-brand-600 text-white",
  paused: "bg-slate-200 text-slate-900",
  inactive: "bg-slate-200 text-slate-700",
  rejected: "bg-red-100 text-red-900",
};

export function VolunteerStatusBadge({ status }: { status: VolunteerStatus }) {
  const { t } = useTranslation("volunteers");
  return <span className={`inline-block rounded-full px-3 py-1 text-sm font-semibold ${tone[status]}`}>{t(`status.${status}`)}</span>;
}
