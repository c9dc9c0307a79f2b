import { describe, expect, it } from "vitest";
import { toRfc4514 } from "./dn";
import { unsafeTextFindings } from "./unsafe-text";
import { unsafeCharacters, visible, visibleLines } from "./visible-text";

describe("control and bidi characters made visible (issue #10 item 7)", () => {
  it("shows U+202E and friends as ⟨U+XXXX⟩, leaving ordinary text alone", () => {
    expect(visible("evil\u202Egnp.pem")).toBe("evil⟨U+202E⟩gnp.pem");
    expect(visible("a\u0000b\u001bc\u200Bd\u2066e\u061Cf\uFEFF")).toBe(
      "a⟨U+0000⟩b⟨U+001B⟩c⟨U+200B⟩d⟨U+2066⟩e⟨U+061C⟩f⟨U+FEFF⟩",
    );
    expect(visible("Société Générale, Zürich — 東京")).toBe("Société Générale, Zürich — 東京");
    expect(visible("two\nlines")).toBe("two⟨U+000A⟩lines");
    expect(visibleLines("two\nlines\u202E")).toBe("two\nlines⟨U+202E⟩");
  });

  it("lists what it found and warns once per text", () => {
    expect(unsafeCharacters("x\u202Ey\u202Ez\u200F")).toEqual(["U+202E", "U+200F"]);
    expect(unsafeTextFindings("The file name", "ok.pem")).toEqual([]);
    const [f] = unsafeTextFindings("The file name", "client\u202Emep.csr");
    expect(f).toMatchObject({ severity: "warning", code: "UNSAFE_CHARACTERS" });
    expect(f!.message).toContain("client⟨U+202E⟩mep.csr");
    expect(f!.message).not.toContain("\u202E");
  });

  it("applies to RFC 4514 subjects", () => {
    expect(toRfc4514([[{ type: "CN", oid: "2.5.4.3", value: "api\u202Emoc.example" }]])).toBe(
      "CN=api⟨U+202E⟩moc.example",
    );
  });
});
