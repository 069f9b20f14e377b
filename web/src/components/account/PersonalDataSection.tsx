// "Your data": a copy of everything Tessera holds about the account, and erasing it.
import { DataExportButton } from "./DataExportButton";
import { DeleteAccountForm } from "./DeleteAccountForm";

export function PersonalDataSection({ twoFactorEnabled }: { twoFactorEnabled: boolean }) {
  return (
    <div className="space-y-6">
      <DataExportButton />
      <div className="border-t border-slate-200 pt-4">
        <DeleteAccountForm twoFactorEnabled={twoFactorEnabled} />
      </div>
    </div>
  );
}
