// English and Russian. The language lives in the "lang" cookie (set by the switch in the header); the URL
// carries none. English is the reference catalogue: its keys and placeholders are the types every `t()` call
// is checked against, and Russian must have exactly its keys.
import { account } from "./messages/account";
import { approvalDesk } from "./messages/approval-desk";
import { approvals } from "./messages/approvals";
import { carrier } from "./messages/carrier";
import { common } from "./messages/common";
import { departure } from "./messages/departure";
import { flights } from "./messages/flights";
import { organizer } from "./messages/organizer";
import { parties } from "./messages/parties";
import { partyHost } from "./messages/party-host";
import { seatMaps } from "./messages/seat-maps";
import { seating } from "./messages/seating";
import { transfers } from "./messages/transfers";
import { trips } from "./messages/trips";
import { visitor } from "./messages/visitor";
import { waitlist } from "./messages/waitlist";
import { waitlistDesk } from "./messages/waitlist-desk";

export type Lang = "en" | "ru";

export const LANGS: readonly Lang[] = ["en", "ru"];

/** The cookie that holds the chosen language. */
export const LANG_COOKIE = "lang";

export function toLang(value: string | null | undefined): Lang {
  return value === "ru" ? "ru" : "en";
}

/** The shape of a translation of `T`: the same keys, any text. */
export type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

// Each area owns its top-level namespaces; merging two areas that share one would silently drop messages.
type Disjoint<A, B> = [Extract<keyof A, keyof B>] extends [never] ? true : false;
type Assert<T extends true> = T;
export type AreasAreDisjoint = Assert<
  Disjoint<typeof common.en, typeof visitor.en> &
    Disjoint<typeof common.en, typeof organizer.en> &
    Disjoint<typeof visitor.en, typeof organizer.en> &
    Disjoint<typeof carrier.en, typeof common.en & typeof visitor.en & typeof organizer.en> &
    Disjoint<typeof flights.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en> &
    Disjoint<typeof trips.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en> &
    Disjoint<typeof departure.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en> &
    Disjoint<typeof parties.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en> &
    Disjoint<typeof partyHost.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en> &
    Disjoint<typeof account.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en> &
    Disjoint<typeof seating.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en> &
    Disjoint<typeof seatMaps.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en & typeof seating.en> &
    Disjoint<typeof transfers.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en & typeof seating.en & typeof seatMaps.en & typeof waitlist.en & typeof waitlistDesk.en> &
    Disjoint<typeof waitlist.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en & typeof seating.en & typeof seatMaps.en> &
    Disjoint<typeof waitlistDesk.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en & typeof seating.en & typeof seatMaps.en & typeof waitlist.en> &
    Disjoint<typeof approvals.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en & typeof seating.en & typeof seatMaps.en & typeof transfers.en & typeof waitlist.en & typeof waitlistDesk.en> &
    Disjoint<typeof approvalDesk.en, typeof common.en & typeof visitor.en & typeof organizer.en & typeof carrier.en & typeof flights.en & typeof trips.en & typeof departure.en & typeof parties.en & typeof partyHost.en & typeof account.en & typeof seating.en & typeof seatMaps.en & typeof transfers.en & typeof waitlist.en & typeof waitlistDesk.en & typeof approvals.en>
>;

const en = { ...common.en, ...visitor.en, ...organizer.en, ...carrier.en, ...flights.en, ...trips.en, ...departure.en, ...parties.en, ...partyHost.en, ...account.en, ...seating.en, ...seatMaps.en, ...transfers.en, ...waitlist.en, ...waitlistDesk.en, ...approvals.en, ...approvalDesk.en };

export type Messages = typeof en;

// Russian's keys are checked against English's in its own file. Its texts are plain strings, so it is typed
// as English here: only English's texts say which placeholders a message takes (a test checks that the
// Russian texts use the same ones).
export const messages: Record<Lang, Messages> = {
  en,
  ru: { ...common.ru, ...visitor.ru, ...organizer.ru, ...carrier.ru, ...flights.ru, ...trips.ru, ...departure.ru, ...parties.ru, ...partyHost.ru, ...account.ru, ...seating.ru, ...seatMaps.ru, ...transfers.ru, ...waitlist.ru, ...waitlistDesk.ru, ...approvals.ru, ...approvalDesk.ru } as Messages,
};
