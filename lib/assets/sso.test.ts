import { describe, expect, it } from "vitest";
import { amrSatisfiesMfa, emailDomain, mapRole, normalizeDomain, parseOidcProviders, SsoConfigError } from "./sso";

const env = {
  PORTAL_OIDC_PROVIDERS: "thales, acme-idp",
  PORTAL_OIDC_THALES_ISSUER: "https://idp.thales.test/",
  PORTAL_OIDC_THALES_CLIENT_ID: "portal",
  PORTAL_OIDC_THALES_CLIENT_SECRET: "s3cret",
  PORTAL_OIDC_THALES_ORGANIZATION: "Thales",
  PORTAL_OIDC_THALES_ROLES: "portal-admins=ADMIN, portal-delivery=THALES_DELIVERY",
  PORTAL_OIDC_ACME_IDP_ISSUER: "http://127.0.0.1:9999",
  PORTAL_OIDC_ACME_IDP_CLIENT_ID: "c",
  PORTAL_OIDC_ACME_IDP_CLIENT_SECRET: "s",
  PORTAL_OIDC_ACME_IDP_ORGANIZATION: "Acme Bank",
  PORTAL_OIDC_ACME_IDP_ROLE_CLAIM: "roles",
  PORTAL_OIDC_ACME_IDP_ROLES: "tls-ops=CUSTOMER",
  PORTAL_OIDC_ACME_IDP_MFA_AMR: "hwk",
};

describe("parseOidcProviders", () => {
  it("reads every provider with defaults", () => {
    const [thales, acme] = parseOidcProviders(env);
    expect(thales).toMatchObject({
      id: "thales",
      issuer: "https://idp.thales.test",
      roleClaim: "groups",
      organization: "Thales",
      label: "Sign in with thales",
    });
    expect(thales!.roleMap).toEqual([
      { value: "portal-admins", role: "ADMIN" },
      { value: "portal-delivery", role: "THALES_DELIVERY" },
    ]);
    expect(acme).toMatchObject({ id: "acme-idp", roleClaim: "roles", mfaAmr: ["hwk"] });
    expect(parseOidcProviders({})).toEqual([]);
  });

  it("names what is missing or malformed", () => {
    expect(() => parseOidcProviders({ ...env, PORTAL_OIDC_THALES_CLIENT_SECRET: "" })).toThrow(
      /PORTAL_OIDC_THALES_CLIENT_SECRET is required/,
    );
    expect(() => parseOidcProviders({ ...env, PORTAL_OIDC_THALES_ROLES: "x=ROOT" })).toThrow(SsoConfigError);
    expect(() => parseOidcProviders({ ...env, PORTAL_OIDC_THALES_ISSUER: "idp.thales.test" })).toThrow(/http\(s\) URL/);
  });
});

describe("mapRole", () => {
  const config = {
    roleClaim: "groups",
    roleMap: [
      { value: "admins", role: "ADMIN" as const },
      { value: "delivery", role: "THALES_DELIVERY" as const },
      { value: "ops", role: "CUSTOMER" as const },
    ],
  };
  it("takes the first mapping entry the claim holds, within the roles of the organization's kind", () => {
    expect(mapRole({ groups: ["delivery", "admins"] }, config, "THALES")).toBe("ADMIN");
    expect(mapRole({ groups: "delivery" }, config, "THALES")).toBe("THALES_DELIVERY");
    expect(mapRole({ groups: ["admins", "ops"] }, config, "CUSTOMER")).toBe("CUSTOMER");
    expect(mapRole({ groups: ["admins"] }, config, "CUSTOMER")).toBeNull();
    expect(mapRole({}, config, "THALES")).toBeNull();
  });
});

describe("amr, e-mail domains", () => {
  it("accepts only the configured amr values", () => {
    expect(amrSatisfiesMfa(["pwd", "otp"], ["otp"])).toBe(true);
    expect(amrSatisfiesMfa(["pwd"], ["otp", "mfa"])).toBe(false);
    expect(amrSatisfiesMfa("mfa", ["mfa"])).toBe(false);
  });
  it("normalizes domains", () => {
    expect(emailDomain("Alice@Thales.Test")).toBe("thales.test");
    expect(emailDomain("not-an-email")).toBeNull();
    expect(normalizeDomain(" @Acme.test ")).toBe("acme.test");
    expect(normalizeDomain("acme")).toBeNull();
    expect(normalizeDomain("a b.test")).toBeNull();
  });
});
