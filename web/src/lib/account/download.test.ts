import { describe, expect, it } from "vitest";

import { attachmentFileName, exportFallbackName } from "./download";

describe("attachmentFileName", () => {
  const fallback = "fallback.json";

  it("reads the name the API gives", () => {
    expect(attachmentFileName('attachment; filename="tessera-data-2026-05-01.json"', fallback)).toBe("tessera-data-2026-05-01.json");
    expect(attachmentFileName("attachment; filename=data.json", fallback)).toBe("data.json");
    expect(attachmentFileName("attachment; filename*=UTF-8''%D0%B4%D0%B0%D0%BD%D0%BD%D1%8B%D0%B5.json", fallback)).toBe("данные.json");
  });

  it("keeps no directories or characters a file system refuses", () => {
    expect(attachmentFileName('attachment; filename="../../etc/passwd"', fallback)).toBe("passwd");
    expect(attachmentFileName('attachment; filename="a<b>:c.json"', fallback)).toBe("abc.json");
    expect(attachmentFileName('attachment; filename=".."', fallback)).toBe(fallback);
  });

  it("falls back when there is no name", () => {
    expect(attachmentFileName(null, fallback)).toBe(fallback);
    expect(attachmentFileName("attachment", fallback)).toBe(fallback);
    expect(attachmentFileName('attachment; filename=""', fallback)).toBe(fallback);
  });
});

describe("exportFallbackName", () => {
  it("names the file after the UTC day", () => {
    expect(exportFallbackName(new Date("2026-05-01T23:30:00Z"))).toBe("tessera-data-2026-05-01.json");
  });
});
