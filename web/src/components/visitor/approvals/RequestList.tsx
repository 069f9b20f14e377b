"use client";

import { useEffect, useState } from "react";

import { replaceRequest, type BookingRequest } from "@/lib/approvals/requests";

import { RequestCard } from "./RequestCard";

/** The buyer's requests, each updated in place by what withdrawing it answers. */
export function RequestList({
  initialRequests,
  timeZones,
}: {
  initialRequests: BookingRequest[];
  timeZones: Record<string, string>;
}) {
  const [requests, setRequests] = useState(initialRequests);
  // The page is read again when a request turns out decided meanwhile: take what it read.
  useEffect(() => {
    setRequests(initialRequests);
  }, [initialRequests]);

  return (
    <ul className="space-y-3">
      {requests.map((request) => (
        <RequestCard
          key={request.id}
          request={request}
          timeZone={timeZones[request.event_id] ?? null}
          onChange={(updated) => setRequests((list) => replaceRequest(list, updated))}
        />
      ))}
    </ul>
  );
}
