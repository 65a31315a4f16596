import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export function Toast({ messageKey }: { messageKey: string | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(Boolean(messageKey));
  useEffect(() => setVisible(Boolean(messageKey)), [messageKey]);
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      {visible && messageKey ? (
        <div className="pointer-events-auto flex items-center gap-3 rounded-xl bg-slate-900 px-4 py-3 text-white shadow-lg">
          <span>{t(messageKey)}</span>
          <button type="button" className="rounded px-2 py-1 text-sm underline" onClick={() => setVisible(false)}>
            {t("shell.close")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
