"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { inputClass } from "@/components/organizer/form-controls";

export type Airport = components["schemas"]["AirportRead"];

/** "ALA — Almaty, Almaty International Airport": how an airport reads in the list and once chosen. */
export function airportText(airport: Airport): string {
  return `${airport.iata} — ${airport.city}, ${airport.name}`;
}

const DEBOUNCE_MS = 250;

/**
 * A text box that suggests airports as one types (`GET /airports?q=`), in the ARIA combobox pattern:
 * arrows move through the list, Enter chooses, Escape closes. Typing again clears the choice.
 */
export function AirportCombobox({
  id,
  label,
  hintId,
  value,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  hintId: string;
  value: Airport | null;
  onChange: (airport: Airport | null) => void;
  testId: string;
}) {
  const t = useTranslations();
  const [text, setText] = useState(value ? airportText(value) : "");
  const [options, setOptions] = useState<Airport[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const latest = useRef(0);
  const listId = `${id}-listbox`;

  useEffect(() => {
    const query = text.trim();
    if (value !== null || query.length < 2) {
      setOptions([]);
      setSearching(false);
      return;
    }
    const request = ++latest.current;
    setSearching(true);
    const timer = setTimeout(async () => {
      try {
        const { data } = await api.GET("/api/v1/airports", { params: { query: { q: query, limit: 10 } } });
        if (request !== latest.current) return;
        setOptions(data?.items ?? []);
        setActive(-1);
      } catch {
        if (request === latest.current) setOptions([]);
      }
      if (request === latest.current) setSearching(false);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  function choose(airport: Airport) {
    onChange(airport);
    setText(airportText(airport));
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown" && options.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((active + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (e.key === "Enter" && open && active >= 0 && options[active]) {
      e.preventDefault();
      choose(options[active]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  }

  const expanded = open && value === null && text.trim().length >= 2;
  return (
    <div className="relative">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        className={inputClass}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (value !== null) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-slate-300 bg-white shadow-lg"
      >
        {options.map((airport, index) => (
          <li
            key={airport.iata}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            // Chosen before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(airport);
            }}
            className={`cursor-pointer px-3 py-2 ${index === active ? "bg-blue-700 text-white" : "hover:bg-blue-50"}`}
          >
            {airportText(airport)}
          </li>
        ))}
        {options.length === 0 ? (
          <li role="presentation" className="px-3 py-2 text-slate-600">
            {searching ? t("flights.airport.searching") : t("flights.airport.noAirports")}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
