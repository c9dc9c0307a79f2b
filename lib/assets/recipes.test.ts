import { describe, expect, it } from "vitest";
import { ASSET_KINDS, KINDS } from "./kinds";
import { DOWNLOAD_PURPOSES, RECIPES, recipesFor, renderRecipe } from "./recipes";

describe("install recipes", () => {
  it("have unique ids and every placeholder filled when rendered", () => {
    expect(new Set(RECIPES.map((r) => r.id)).size).toBe(RECIPES.length);
    for (const r of RECIPES) {
      const out = renderRecipe(r, { file: "x.pem", password: "pw123456", alias: "a" });
      expect(out.config + out.commands, r.id).not.toMatch(/\{(file|password|alias)\}/);
      expect(out.commands.length, r.id).toBeGreaterThan(0);
    }
  });

  it("cover every certificate a customer downloads, with nginx, HAProxy, Apache, Java, Windows and AWS ALB for the client CA", () => {
    for (const kind of ASSET_KINDS) {
      const info = KINDS[kind];
      if (info.direction === "THALES_TO_CUSTOMER" && info.content !== "host")
        expect(recipesFor(kind).length, kind).toBeGreaterThan(0);
    }
    expect(new Set(recipesFor("THALES_CLIENT_CA").map((r) => r.platform))).toEqual(
      new Set(["nginx", "HAProxy", "Apache", "Java", "Windows", "AWS ALB"]),
    );
    expect(recipesFor("trust-store:customer").length).toBeGreaterThan(recipesFor("THALES_CLIENT_CA").length);
    expect(Object.keys(DOWNLOAD_PURPOSES)).toContain("trust-store:thales-backend");
  });

  it("the nginx recipe says ssl_verify_client on and the HAProxy one verify required", () => {
    expect(RECIPES.find((r) => r.id === "nginx-client-ca")!.config).toMatch(
      /ssl_verify_client on;[\s\S]*ssl_verify_depth/,
    );
    expect(RECIPES.find((r) => r.id === "haproxy-client-ca")!.config).toMatch(/ca-file .* verify required/);
  });
});
