"use client";

import * as Dialog from "@radix-ui/react-dialog";
import type { FormEvent, ReactNode } from "react";

import { buttonClass, secondaryButtonClass } from "../form-controls";

/**
 * The frame every editor dialog shares: a trigger, a modal with a title and description, a form with the
 * given fields, an error (if any) and Close / submit buttons. Radix moves focus in and back to the trigger,
 * and unmounts the content while closed. It cannot be closed while `busy`.
 */
export function EditorDialog({
  open,
  onOpenChange,
  trigger,
  title,
  description,
  busy,
  error = null,
  closeLabel,
  submitLabel,
  submitTestId,
  onSubmit,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  busy: boolean;
  error?: string | null;
  closeLabel: string;
  submitLabel: string;
  submitTestId: string;
  onSubmit: () => void | Promise<void>;
  children: ReactNode;
}) {
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    void onSubmit();
  }

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none">
          <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
          <Dialog.Description className="mt-2 text-sm text-slate-700">{description}</Dialog.Description>
          <form onSubmit={submit} noValidate className="mt-4 space-y-4">
            {children}
            {error && (
              <p role="alert" aria-live="polite" className="rounded border border-red-200 bg-red-50 p-3 text-red-800">
                {error}
              </p>
            )}
            <div className="flex flex-wrap justify-end gap-2">
              <Dialog.Close asChild>
                <button type="button" className={secondaryButtonClass} disabled={busy}>
                  {closeLabel}
                </button>
              </Dialog.Close>
              <button type="submit" data-testid={submitTestId} className={buttonClass} disabled={busy}>
                {submitLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** Sends only the fields that changed (nothing at all when none did); closes on success, else shows why. */
export async function saveChanges<T extends object>(
  body: T,
  onSave: (body: T) => Promise<string | null>,
  close: () => void,
  fail: (message: string) => void,
): Promise<void> {
  if (Object.keys(body).length === 0) {
    close();
    return;
  }
  const failure = await onSave(body);
  if (failure === null) close();
  else fail(failure);
}
