import { describe, expect, it } from "vitest";
import { FORM_BODY_LIMIT_BYTES, formBodyRefusal } from "./form-body.mjs";

describe("formBodyRefusal", () => {
  const limit = String(FORM_BODY_LIMIT_BYTES);
  const over = String(FORM_BODY_LIMIT_BYTES + 1);

  it("lets reads, bodies within the limit and the bearer-token API through", () => {
    expect(formBodyRefusal("GET", "/", {})).toBeUndefined();
    expect(formBodyRefusal("POST", "/connections/x/upload/CUSTOMER_CSR", { "content-length": limit })).toBeUndefined();
    expect(formBodyRefusal("POST", "/api/auth/callback/credentials", { "content-length": "200" })).toBeUndefined();
    expect(formBodyRefusal("POST", "/login", {})).toBeUndefined();
    expect(formBodyRefusal("POST", "/api/v1/check", { "content-length": over })).toBeUndefined();
    expect(formBodyRefusal("POST", "/api/v1/check", { "transfer-encoding": "chunked" })).toBeUndefined();
  });

  it("refuses a form post declared over the limit (413) and one without a length (411)", () => {
    expect(formBodyRefusal("POST", "/connections/x/upload/CUSTOMER_CSR", { "content-length": over })?.status).toBe(413);
    expect(formBodyRefusal("PUT", "/api/auth/session", { "content-length": over })?.status).toBe(413);
    expect(formBodyRefusal("POST", "/publish", { "transfer-encoding": "chunked" })?.status).toBe(411);
    expect(formBodyRefusal("POST", "/api/v1x", { "transfer-encoding": "chunked" })?.status).toBe(411);
  });
});
