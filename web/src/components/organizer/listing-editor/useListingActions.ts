// Every change the listing editor makes goes through here: one action at a time, its error or notice shown
// in the section that owns it, and the page refreshed from the server after a success.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { api } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";

import { describeApiError, networkError } from "../api-errors";
import type { Section, SessionRead, TicketTypeRead } from "./types";

type EventUpdate = components["schemas"]["EventUpdate"];
type SessionCreate = components["schemas"]["SessionCreate"];
type SessionUpdate = components["schemas"]["SessionUpdate"];
type TicketTypeCreate = components["schemas"]["TicketTypeCreate"];
type TicketTypeUpdate = components["schemas"]["TicketTypeUpdate"];
type ApiCall = () => Promise<{ error?: unknown; data?: unknown }>;

export type SectionMessage = { section: Section; text: string };

export type ListingActions = {
  /** The running action ("details", "session", "ticket", "publish", "cancel-event", "cancel-<id>", "edit-<id>"). */
  busy: string | null;
  /** An action is running or the page is refreshing after one. */
  pending: boolean;
  error: SectionMessage | null;
  notice: SectionMessage | null;
  /** Shows a form's own validation error in its section. */
  fail: (section: Section, text: string) => void;
  saveDetails: (body: EventUpdate) => Promise<boolean>;
  publish: () => Promise<boolean>;
  cancelEvent: (reason: string) => Promise<boolean>;
  addSession: (body: SessionCreate) => Promise<boolean>;
  cancelSession: (session: SessionRead, reason: string) => Promise<boolean>;
  /** Returns the error for the dialog to show, or null when saved. */
  editSession: (session: SessionRead, body: SessionUpdate) => Promise<string | null>;
  addTicketType: (body: TicketTypeCreate) => Promise<boolean>;
  /** Returns the error for the dialog to show, or null when saved. */
  editTicketType: (type: TicketTypeRead, body: TicketTypeUpdate) => Promise<string | null>;
};

export function useListingActions(eventId: string): ListingActions {
  const router = useRouter();
  const t = useTranslations();
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<SectionMessage | null>(null);
  const [notice, setNotice] = useState<SectionMessage | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  /** Runs one API call and refreshes the page on success; returns the error to show, or null on success. */
  async function attempt(key: string, call: ApiCall): Promise<string | null> {
    setBusy(key);
    setError(null);
    setNotice(null);
    let failure: string | null = null;
    try {
      const result = await call();
      if (result.error !== undefined || result.data === undefined) {
        failure = describeApiError(t, result.error);
      } else {
        startTransition(() => router.refresh());
      }
    } catch {
      failure = networkError(t);
    }
    setBusy(null);
    return failure;
  }

  /** Runs one API call; shows its error in `section`, or `done` (if any) on success. */
  async function run(key: string, section: Section, call: ApiCall, done?: string): Promise<boolean> {
    const failure = await attempt(key, call);
    if (failure !== null) setError({ section, text: failure });
    else if (done) setNotice({ section, text: done });
    return failure === null;
  }

  /** Like run, for a dialog: it returns the error for the dialog to show, and says `done` in `section`. */
  async function runInDialog(key: string, section: Section, call: ApiCall, done: string): Promise<string | null> {
    const failure = await attempt(key, call);
    if (failure === null) setNotice({ section, text: done });
    return failure;
  }

  const event = { params: { path: { event_id: eventId } } };

  return {
    busy,
    pending: busy !== null || refreshing,
    error,
    notice,
    fail: (section, text) => setError({ section, text }),
    saveDetails: (body) =>
      run("details", "details", () => api.PATCH("/api/v1/events/{event_id}", { ...event, body }), t("org.editor.saved")),
    publish: () =>
      run("publish", "actions", () => api.POST("/api/v1/events/{event_id}/publish", event), t("org.editor.published")),
    cancelEvent: (reason) =>
      run("cancel-event", "actions", () =>
        api.POST("/api/v1/events/{event_id}/cancel", { ...event, body: { reason: reason.trim() || null } }),
      ),
    addSession: (body) => run("session", "sessions", () => api.POST("/api/v1/events/{event_id}/sessions", { ...event, body })),
    cancelSession: (session, reason) =>
      run(`cancel-${session.id}`, "sessions", () =>
        api.POST("/api/v1/sessions/{session_id}/cancel", {
          params: { path: { session_id: session.id } },
          body: { reason: reason.trim() || null },
        }),
      ),
    editSession: (session, body) =>
      runInDialog(
        `edit-${session.id}`,
        "sessions",
        () => api.PATCH("/api/v1/sessions/{session_id}", { params: { path: { session_id: session.id } }, body }),
        t("org.sessions.updated"),
      ),
    addTicketType: (body) =>
      run("ticket", "tickets", () => api.POST("/api/v1/events/{event_id}/ticket-types", { ...event, body })),
    editTicketType: (type, body) =>
      runInDialog(
        `edit-${type.id}`,
        "tickets",
        () => api.PATCH("/api/v1/ticket-types/{ticket_type_id}", { params: { path: { ticket_type_id: type.id } }, body }),
        t("org.tickets.updated"),
      ),
  };
}
