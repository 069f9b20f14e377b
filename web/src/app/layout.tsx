import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";

import { VerifyEmailBanner } from "@/components/account/VerifyEmailBanner";
import { LanguageSwitch, LogoutButton } from "@/components/HeaderControls";
import { StyleNonce } from "@/components/StyleNonce";
import { currentUser } from "@/lib/session";

import "./globals.css";

export const metadata: Metadata = { title: "Tessera", description: "Book events, flights and watch parties" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const lang = await getLocale();
  const user = await currentUser();
  const t = await getTranslations();
  return (
    <html lang={lang}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {/* Hands the request's language and messages to the client components. */}
        <NextIntlClientProvider>
          <StyleNonce />
          <a href="#main" className="sr-only focus:not-sr-only">
            Skip to content
          </a>
          <header className="border-b border-slate-200 bg-white">
            <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
              <Link href="/" className="text-lg font-bold text-blue-700">
                Tessera
              </Link>
              <Link href="/">{t("nav.catalog")}</Link>
              <Link href="/flights" data-testid="nav-flights">
                {t("flights.nav.link")}
              </Link>
              <Link href="/parties" data-testid="nav-parties">
                {t("parties.nav.link")}
              </Link>
              {user && <Link href="/bookings">{t("nav.bookings")}</Link>}
              {user && (
                <Link href="/waitlist" data-testid="nav-waitlist">
                  {t("nav.waitlist")}
                </Link>
              )}
              {user && (
                <Link href="/requests" data-testid="nav-requests">
                  {t("nav.requests")}
                </Link>
              )}
              {user && <Link href="/notifications">{t("nav.notifications")}</Link>}
              {user && (user.role === "organizer" || user.role === "admin") && (
                <Link href="/organizer">{t("nav.organizer")}</Link>
              )}
              {user?.role === "admin" && <Link href="/admin/reviews">{t("nav.admin")}</Link>}
              {user?.role === "admin" && <Link href="/admin/parties/disputes">{t("parties.disputes.title")}</Link>}
              <span className="ml-auto flex items-center gap-3">
                <LanguageSwitch />
                {user ? (
                  <>
                    <Link
                      href="/account"
                      data-testid="signed-in-as"
                      title={t("nav.account")}
                      className="text-sm text-slate-600 underline-offset-2 hover:underline"
                    >
                      {user.name}
                    </Link>
                    <LogoutButton />
                  </>
                ) : (
                  <>
                    <Link href="/login">{t("nav.login")}</Link>
                    <Link href="/signup" className="rounded bg-blue-700 px-3 py-1 text-white">
                      {t("nav.signup")}
                    </Link>
                  </>
                )}
              </span>
            </nav>
          </header>
          {user && !user.email_verified && <VerifyEmailBanner email={user.email} />}
          <main id="main" className="mx-auto max-w-5xl px-4 py-6">
            {children}
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
