// The watch-party shapes of the generated API types, named once for the pages and components.
import type { components } from "@/lib/api/schema";

type S = components["schemas"];
export type Reputation = S["Reputation"];
export type HostRating = S["HostRating"];
export type GuestRating = S["GuestRating"];
export type PartySummary = S["PartySummary"];
export type PartyDetail = S["PartyDetailRead"];
export type Slot = S["SlotRead"];
export type PartyBooking = S["PartyBookingRead"];
export type PartyRequest = S["PartyRequestRead"];
export type Encounter = S["EncounterRead"];
export type SlotGuest = S["SlotGuest"];
export type HostProfile = S["HostProfileRead"];
export type PublicRating = S["PublicRating"];
export type Dispute = S["DisputeRead"];
export type BookingOutcomeBody = S["BookingOutcome"];
