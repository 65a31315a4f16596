import { useTranslation } from "react-i18next";
import { clockOf, dayKeys, GRID_FIRST_MINUTE, GRID_LAST_MINUTE, SLOT_MINUTES } from "~/modules/core/availability";
import { ErrorList } from "./forms";

const DAY = 24 * 60;
const rows = Array.from({ length: (GRID_LAST_MINUTE - GRID_FIRST_MINUTE) / SLOT_MINUTES }, (_, i) => GRID_FIRST_MINUTE + i * SLOT_MINUTES);

interface WeekGridProps {
  name: string;
  legend: string;
  hint?: string;
  defaultSlots?: number[];
  errors?: string[] | null;
  errorId: string;
}

/**
 * A week of half-hour checkboxes (Mon–Sun, 7.00–21.00, Europe/Ljubljana). Plain form controls, so it
 * works before JavaScript loads and every cell has a spoken name ("ponedeljek 17.00–17.30").
 */
export function WeekGrid({ name, legend, hint, defaultSlots = [], errors, errorId }: WeekGridProps) {
  const { t } = useTranslation();
  const chosen = new Set(defaultSlots);
  return (
    <fieldset aria-describedby={errors?.length ? errorId : undefined}>
      <legend className="mb-1 font-medium text-slate-800">{legend}</legend>
      {hint ? <p className="mb-2 text-sm text-slate-600">{hint}</p> : null}
      <div className="max-h-[28rem] overflow-auto rounded-lg border border-slate-300">
        <table className="w-full border-collapse text-center text-xs sm:text-sm">
          <thead className="sticky top-0 bg-white">
            <tr>
              <th scope="col" className="w-12 p-1">
                <span className="sr-only">{t("availability.time")}</span>
              </th>
              {dayKeys.map((day) => (
                <th key={day} scope="col" className="p-1 font-semibold">
                  <abbr title={t(`days.${day}`)} className="no-underline">
                    {t(`days.short.${day}`)}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((minute) => (
              <tr key={minute} className={minute % 60 === 0 ? "border-t border-slate-200" : ""}>
                <th scope="row" className="p-0.5 text-right font-normal text-slate-600">
                  {minute % 60 === 0 ? clockOf(minute) : ""}
                </th>
                {dayKeys.map((day, index) => {
                  const value = index * DAY + minute;
                  const id = `${name}-${value}`;
                  return (
                    <td key={day} className="p-0.5">
                      <input
                        type="checkbox"
                        id={id}
                        name={name}
                        value={value}
                        defaultChecked={chosen.has(value)}
                        className="peer sr-only"
                      />
                      <label
                        htmlFor={id}
                        className="block h-6 cursor-pointer rounded bg-slate-100 peer-checked:bg-brand-600 peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-brand-700"
                      >
                        <span className="sr-only">{t("availability.cell", { day: t(`days.${day}`), from: clockOf(minute), to: clockOf(minute + SLOT_MINUTES) })}</span>
                      </label>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
