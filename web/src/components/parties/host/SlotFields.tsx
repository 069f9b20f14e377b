// Date, start, optional end and capacity of a showing, typed in the place's zone.
import { useTranslations } from "next-intl";

import { Field, inputClass } from "@/components/organizer/form-controls";

export type SlotFormState = { date: string; start: string; end: string; capacity: string };

export function SlotFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: SlotFormState;
  onChange: (next: SlotFormState) => void;
}) {
  const t = useTranslations();
  const f = (name: string) => `${idPrefix}-${name}`;
  const set = (name: keyof SlotFormState) => (e: { target: { value: string } }) => onChange({ ...value, [name]: e.target.value });
  return (
    <div className="grid gap-3 sm:grid-cols-4">
      <Field id={f("date")} label={t("partyHost.slots.date")}>
        <input id={f("date")} type="date" required className={inputClass} value={value.date} onChange={set("date")} />
      </Field>
      <Field id={f("start")} label={t("partyHost.slots.start")}>
        <input id={f("start")} type="time" required className={inputClass} value={value.start} onChange={set("start")} />
      </Field>
      <Field id={f("end")} label={t("partyHost.slots.end")}>
        <input id={f("end")} type="time" aria-describedby={f("end-hint")} className={inputClass} value={value.end} onChange={set("end")} />
        <p id={f("end-hint")} className="mt-1 text-xs text-slate-600">
          {t("partyHost.slots.endHint")}
        </p>
      </Field>
      <Field id={f("capacity")} label={t("partyHost.slots.capacity")}>
        <input id={f("capacity")} type="number" min={1} max={50} inputMode="numeric" className={inputClass} value={value.capacity} onChange={set("capacity")} />
      </Field>
    </div>
  );
}
