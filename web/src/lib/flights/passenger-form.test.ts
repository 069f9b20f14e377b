import { describe, expect, it } from "vitest";

import { ageGroup, ageOn, emptyPassenger, hasAdult, passengerBody, validatePassenger, type PassengerDraft } from "./passenger-form";

const dates = { firstDepartureDate: "2026-12-20", lastArrivalDate: "2026-12-27" };

const aidar: PassengerDraft = {
  type: "adult",
  givenName: " Aidar ",
  familyName: "Nurlanov",
  birthDate: "1990-04-02",
  nationality: "kz",
  documentNumber: "n 1234 5678",
  documentSeries: "",
  documentExpiry: "2031-01-31",
  issuingCountry: "KZ",
};

describe("ages", () => {
  it("counts whole years on the day of travel", () => {
    expect(ageOn("2014-12-20", "2026-12-20")).toBe(12);
    expect(ageOn("2014-12-21", "2026-12-20")).toBe(11);
    expect(ageGroup("2014-12-21", "2026-12-20")).toBe("child");
    expect(ageGroup("2025-01-01", "2026-12-20")).toBe("infant");
  });
});

describe("validatePassenger", () => {
  it("accepts a complete adult", () => {
    expect(validatePassenger(aidar, dates)).toEqual({});
  });

  it("names every missing field of an empty form", () => {
    expect(Object.keys(validatePassenger(emptyPassenger(), dates)).sort()).toEqual(
      ["birthDate", "documentExpiry", "documentNumber", "familyName", "givenName", "issuingCountry", "nationality"].sort(),
    );
  });

  it("wants Latin names, a matching age group and a document valid until the last landing", () => {
    expect(validatePassenger({ ...aidar, givenName: "Айдар" }, dates).givenName).toBe("latin");
    expect(validatePassenger({ ...aidar, type: "child" }, dates).birthDate).toBe("notChild");
    expect(validatePassenger({ ...aidar, birthDate: "2016-01-01" }, dates).birthDate).toBe("notAdult");
    expect(validatePassenger({ ...aidar, birthDate: "2026-01-01" }, dates).birthDate).toBe("tooYoung");
    expect(validatePassenger({ ...aidar, documentExpiry: "2026-12-26" }, dates).documentExpiry).toBe("expired");
    expect(validatePassenger({ ...aidar, documentExpiry: "2026-12-27" }, dates).documentExpiry).toBeUndefined();
    expect(validatePassenger({ ...aidar, documentNumber: "N1-2" }, dates).documentNumber).toBe("document");
    expect(validatePassenger({ ...aidar, nationality: "KAZ" }, dates).nationality).toBe("country");
  });

  it("needs an adult in the party", () => {
    expect(hasAdult([{ ...aidar, type: "child" }])).toBe(false);
    expect(hasAdult([{ ...aidar, type: "child" }, aidar])).toBe(true);
  });
});

describe("passengerBody", () => {
  it("normalises the document and sends seats only when one is chosen", () => {
    const body = passengerBody(aidar, [null, null]);
    expect(body).toEqual({
      type: "adult",
      given_name: "Aidar",
      family_name: "Nurlanov",
      birth_date: "1990-04-02",
      nationality: "KZ",
      document: { type: "passport", number: "N12345678", series: null, expires_on: "2031-01-31", issuing_country: "KZ" },
    });
    expect(passengerBody(aidar, ["20A", null]).seats).toEqual(["20A", null]);
  });
});
