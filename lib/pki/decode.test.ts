import { beforeAll, describe, expect, it } from "vitest";
import { decodeInput, MAX_INPUT_BYTES } from "./decode";
import { makeFixtures, type Fixtures } from "./test-fixtures";

let fx: Fixtures;
beforeAll(() => {
  fx = makeFixtures();
});

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe("decodeInput", () => {
  it("reads PEM blocks in any order with CRLF, BOM and surrounding text", () => {
    const text =
      "\ufeffHere is my chain:\r\n" +
      (fx.text("root.pem") + "some note\n" + fx.text("leaf.pem") + fx.text("int.pem")).replace(/\n/g, "\r\n") +
      "thanks";
    const r = decodeInput(text);
    expect(r.certificates).toHaveLength(3);
    expect(r.found).toBe("3 certificates");
    expect(r.findings).toEqual([]);
  });

  it("reads DER certificates and CSRs, PKCS#7 in PEM and DER, and bare base64", () => {
    expect(decodeInput(fx.read("leaf.der")).found).toBe("1 certificate");
    expect(decodeInput(fx.read("d1-ec.csr.der")).found).toBe("1 CSR");
    expect(decodeInput(fx.read("chain.p7b")).found).toBe("3 certificates");
    expect(decodeInput(fx.read("chain.p7b.der")).found).toBe("2 certificates");
    expect(decodeInput(fx.read("leaf.der").toString("base64")).found).toBe("1 certificate");
    expect(decodeInput(fx.text("chain.p7b").replace(/PKCS7/g, "CMS")).found).toBe("3 certificates");
  });

  it("drops duplicates with a warning and counts them", () => {
    const r = decodeInput(fx.text("leaf.pem") + fx.text("leaf.pem") + fx.text("int.pem"));
    expect(r.found).toBe("2 certificates, 1 duplicate");
    expect(codes(r)).toContain("DUPLICATE_CERTIFICATE");
  });

  it("explains empty, oversized, truncated and unrelated inputs", () => {
    expect(codes(decodeInput(""))).toEqual(["INPUT_EMPTY"]);
    expect(codes(decodeInput("  \n"))).toEqual(["INPUT_EMPTY"]);
    expect(codes(decodeInput(new Uint8Array(MAX_INPUT_BYTES + 1)))).toEqual(["INPUT_TOO_LARGE"]);
    expect(codes(decodeInput(fx.text("leaf.pem").split("-----END")[0]!))).toContain("PEM_TRUNCATED");
    expect(codes(decodeInput("hello world"))).toEqual(["NO_PEM_FOUND"]);
    expect(codes(decodeInput(Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x01])))).toEqual(["UNRECOGNIZED_INPUT"]);
  });

  it("stops at 100 certificates", () => {
    // 101 distinct certificates: re-sign the same CSR with distinct serials.
    const pems: string[] = [];
    for (let i = 0; i < 101; i++) {
      fx.openssl(
        `x509 -req -in leaf.csr -CA int.pem -CAkey int.key -set_serial ${1000 + i} -days 30 -out many-${i}.pem`,
      );
      pems.push(fx.text(`many-${i}.pem`));
    }
    const r = decodeInput(pems.join(""));
    expect(r.certificates).toHaveLength(100);
    expect(codes(r)).toContain("TOO_MANY_CERTIFICATES");
  });

  it.each([
    ["PKCS#8 PEM", "ec256.p8.pem"],
    ["encrypted PKCS#8 PEM", "ec256.enc.pem"],
    ["SEC1 PEM", "ec256.key"],
    ["PKCS#1 PEM", "rsa2048.pkcs1.pem"],
    ["PKCS#8 DER", "ec256.p8.der"],
    ["SEC1 DER", "ec256.sec1.der"],
    ["PKCS#1 DER", "rsa2048.pkcs1.der"],
    ["PKCS#12", "client.p12"],
  ])("refuses the whole input when it holds a private key (%s)", (_, name) => {
    const key = fx.read(name);
    const isPem = key.toString("latin1").includes("-----BEGIN");
    const inputs = isPem
      ? [key, fx.text("leaf.pem") + key.toString("latin1")]
      : [key, key.toString("base64"), key.subarray(0, 40)];
    for (const input of inputs) {
      const r = decodeInput(input);
      expect(r.privateKeyDetected).toBe(true);
      expect(r.certificates).toEqual([]);
      expect(codes(r)).toEqual(["PRIVATE_KEY_DETECTED"]);
      // Never echo key material.
      const b64 = key.toString("base64").slice(20, 60);
      expect(JSON.stringify(r)).not.toContain(b64);
    }
  });

  it("refuses OpenSSH keys and truncated key blocks", () => {
    fx.openssl("genpkey -algorithm ed25519 -out ed.key");
    expect(decodeInput(fx.read("ed.key")).privateKeyDetected).toBe(true);
    expect(decodeInput("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n").privateKeyDetected).toBe(
      true,
    );
    expect(decodeInput(fx.read("ec256.p8.der").subarray(0, 20)).privateKeyDetected).toBe(true);
  });
});
