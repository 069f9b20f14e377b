import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";

import { EmailSection } from "@/components/account/EmailSection";
import { PasswordChangeForm } from "@/components/account/PasswordChangeForm";
import { PersonalDataSection } from "@/components/account/PersonalDataSection";
import { ProfileForm } from "@/components/account/ProfileForm";
import { SettingsSection } from "@/components/account/SettingsSection";
import { SignInList } from "@/components/account/SignInList";
import { TwoFactorSection } from "@/components/account/TwoFactorSection";
import { serverApi } from "@/lib/api/server";

// Each part of the page is its own component in a SettingsSection; another part is one more of them.
export default async function AccountPage() {
  const t = await getTranslations();
  const api = await serverApi();
  const [me, signIns] = await Promise.all([api.GET("/api/v1/auth/me"), api.GET("/api/v1/auth/sessions")]);
  if (me.response.status === 401 || signIns.response.status === 401) redirect("/login?next=/account");
  if (!me.data) throw new Error(`Could not load the account (${me.response.status})`);
  if (!signIns.data) throw new Error(`Could not load the sign-ins (${signIns.response.status})`);
  const user = me.data;

  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <SettingsSection id="profile" title={t("account.profile.title")}>
        <ProfileForm name={user.name} language={user.language} />
      </SettingsSection>
      <SettingsSection id="email" title={t("account.email.title")}>
        <EmailSection email={user.email} verified={user.email_verified} pendingEmail={user.pending_email} />
      </SettingsSection>
      <SettingsSection id="password" title={t("account.password.title")}>
        <PasswordChangeForm />
      </SettingsSection>
      <SettingsSection id="two-factor" title={t("account.twoFactor.title")} intro={t("account.twoFactor.intro")}>
        <TwoFactorSection enabled={user.two_factor_enabled} />
      </SettingsSection>
      <SettingsSection id="sign-ins" title={t("account.signIns.title")} intro={t("account.signIns.intro")}>
        <SignInList items={signIns.data.items} />
      </SettingsSection>
      <SettingsSection id="data" title={t("account.data.title")} intro={t("account.data.intro")}>
        <PersonalDataSection twoFactorEnabled={user.two_factor_enabled} />
      </SettingsSection>
    </section>
  );
}
