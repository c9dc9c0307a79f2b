import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkAssetSync } from "./check";
import { decodeInput } from "./decode";
import { fileNameFindings } from "./file-name";
import { concat, octets, oid, seq, set, smallInt, tlv } from "./der-write";
import { makeFixtures, type Fixtures } from "./test-fixtures";

/**
 * Issue #10 item 1: a private key anywhere in an upload, in any encoding, refuses the whole upload with
 * PRIVATE_KEY_DETECTED. Keys come from openssl and ssh-keygen, the tools customers use.
 */
let fx: Fixtures;
let keys: { name: string; der: Uint8Array }[];
let textMaterials: { name: string; text: string }[];
let binaryMaterials: { name: string; der: Uint8Array }[];

beforeAll(() => {
  fx = makeFixtures();
  fx.openssl("pkcs8 -topk8 -nocrypt -in rsa2048.key -outform DER -out rsa.p8.der");
  fx.openssl("pkcs8 -topk8 -in ec256.key -passout pass:secret -outform DER -out ec256.enc.der");
  fx.openssl("rsa -in rsa2048.key -outform PVK -pvk-none -out rsa.pvk");
  fx.openssl("rsa -in rsa2048.key -outform MSBLOB -out rsa.blob");
  fx.openssl("genpkey -algorithm ed25519 -outform DER -out ed25519.p8.der");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", fx.file("id_ed25519")]);
  const openssh = fx
    .text("id_ed25519")
    .split("\n")
    .filter((l) => !l.startsWith("-----"))
    .join("");
  keys = [
    ["PKCS#8 EC", "ec256.p8.der"],
    ["PKCS#8 RSA", "rsa.p8.der"],
    ["PKCS#8 Ed25519", "ed25519.p8.der"],
    ["encrypted PKCS#8", "ec256.enc.der"],
    ["PKCS#1", "rsa2048.pkcs1.der"],
    ["SEC1", "ec256.sec1.der"],
    ["PKCS#12", "client.p12"],
    ["PVK", "rsa.pvk"],
    ["PRIVATEKEYBLOB", "rsa.blob"],
  ].map(([name, file]) => ({ name: name!, der: new Uint8Array(fx.read(file!)) }));
  keys.push({ name: "OpenSSH", der: new Uint8Array(Buffer.from(openssh, "base64")) });
  textMaterials = [
    { name: "chain PEM", text: fx.text("leaf.pem") + fx.text("int.pem") + fx.text("root.pem") },
    { name: "CSR PEM", text: fx.text("d1-ec.csr") },
    { name: "PKCS#7 PEM", text: fx.text("chain.p7b") },
  ];
  binaryMaterials = [
    { name: "DER certificate", der: new Uint8Array(fx.read("leaf.der")) },
    { name: "DER CSR", der: new Uint8Array(fx.read("d1-ec.csr.der")) },
    { name: "DER PKCS#7", der: new Uint8Array(fx.read("chain.p7b.der")) },
  ];
});

const b64 = (b: Uint8Array) => Buffer.from(b).toString("base64");
const wrap = (s: string, n: number) => s.match(new RegExp(`.{1,${n}}`, "g"))!.join("\n");
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
function xxd(b: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < b.length; i += 16) {
    const chunk = Buffer.from(b.subarray(i, i + 16));
    const groups = chunk
      .toString("hex")
      .match(/.{1,4}/g)!
      .join(" ");
    lines.push(
      `${i.toString(16).padStart(8, "0")}: ${groups.padEnd(39)}  ${chunk.toString("latin1").replace(/[^\x20-\x7e]/g, ".")}`,
    );
  }
  return lines.join("\n");
}

/** Every text encoding of a key a careless export or copy-paste produces. */
const TEXT_ENCODINGS: { name: string; encode: (k: Uint8Array) => string }[] = [
  { name: "bare base64 lines", encode: (k) => wrap(b64(k), 64) },
  { name: "one base64 line", encode: (k) => b64(k) },
  { name: "base64url", encode: (k) => Buffer.from(k).toString("base64url") },
  { name: "hex dump", encode: (k) => wrap(hex(k), 60) },
  { name: "colon hex", encode: (k) => wrap(hex(k).match(/../g)!.join(":"), 48) },
  { name: "xxd", encode: (k) => xxd(k) },
  { name: "PEM", encode: (k) => `-----BEGIN PRIVATE KEY-----\n${wrap(b64(k), 64)}\n-----END PRIVATE KEY-----` },
  { name: "four-dash PEM", encode: (k) => `----BEGIN PRIVATE KEY----\n${wrap(b64(k), 64)}\n----END PRIVATE KEY----` },
  { name: "header line", encode: (k) => `X-Backup-Key: ${b64(k)}` },
  { name: "after a word", encode: (k) => `key=${b64(k)}` },
];

function expectRefused(input: Uint8Array | string, key: Uint8Array) {
  const r = decodeInput(input);
  expect(r.findings.map((f) => f.code)).toEqual(["PRIVATE_KEY_DETECTED"]);
  expect(r.privateKeyDetected).toBe(true);
  expect(r.certificates).toEqual([]);
  expect(r.findings[0]!.message).toMatch(/private key was found.*compromised.*replaced/s);
  // Nothing of the key is echoed, in any encoding.
  const json = JSON.stringify(r);
  const middle = key.subarray(Math.floor(key.length / 2), Math.floor(key.length / 2) + 24);
  for (const fragment of [b64(middle).slice(4, 28), hex(middle)]) expect(json).not.toContain(fragment);
}

/** Insert `piece` at line boundary `at` (modulo the number of lines). */
function insertAtLine(text: string, piece: string, at: number): string {
  const lines = text.split("\n");
  const i = at % (lines.length + 1);
  return [...lines.slice(0, i), piece, ...lines.slice(i)].join("\n");
}

describe("private keys hidden in valid material (issue #10 reproductions)", () => {
  it("bare base64 above a certificate, a header line, four dashes, hex after the certificate", () => {
    const key = keys[1]!.der;
    const cert = fx.text("leaf.pem");
    expectRefused(wrap(b64(key), 64) + "\n" + cert, key);
    expectRefused(
      cert.replace("-----BEGIN CERTIFICATE-----\n", `-----BEGIN CERTIFICATE-----\nX-Backup-Key: ${b64(key)}\n\n`),
      key,
    );
    expectRefused(`----BEGIN PRIVATE KEY----\n${wrap(b64(key), 64)}\n----END PRIVATE KEY----\n` + cert, key);
    expectRefused(cert + wrap(hex(key), 64), key);
  });

  it("as an other-certificate [3] entry and as the eContent of a PKCS#7", () => {
    const key = keys[0]!.der;
    const leaf = binaryMaterials[0]!.der;
    const signedData = (content: Uint8Array, certs: Uint8Array[]) =>
      seq(oid("1.2.840.113549.1.7.2"), tlv(0xa0, seq(smallInt(1), set(), content, tlv(0xa0, ...certs), set())));
    const other = tlv(0xa3, oid("1.2.3.4"), key);
    const data = seq(oid("1.2.840.113549.1.7.1"));
    expectRefused(signedData(data, [leaf, other]), key);
    expectRefused(signedData(seq(oid("1.2.840.113549.1.7.1"), tlv(0xa0, octets(key))), [leaf]), key);
    const pem = `-----BEGIN PKCS7-----\n${wrap(b64(signedData(data, [other, leaf])), 64)}\n-----END PKCS7-----\n`;
    expectRefused(pem, key);
  });

  it("a PEM chain with the DER key appended, and a DER CSR with a DER key appended", () => {
    const key = keys[4]!.der;
    expectRefused(concat([Buffer.from(textMaterials[0]!.text, "latin1"), key]), key);
    expectRefused(concat([binaryMaterials[1]!.der, key]), key);
  });

  it("the DER key inside a CERTIFICATE block after the certificate", () => {
    const key = keys[5]!.der;
    const body = concat([binaryMaterials[0]!.der, key]);
    expectRefused(`-----BEGIN CERTIFICATE-----\n${wrap(b64(body), 64)}\n-----END CERTIFICATE-----\n`, key);
  });

  it("through checkAssetSync, for every asset kind", () => {
    const key = keys[3]!.der;
    for (const asset of ["csr", "client-certificate", "server-chain", "trust-store"] as const) {
      const r = checkAssetSync(fx.text("d1-ec.csr") + "\n" + wrap(b64(key), 76), {
        program: "d1",
        environment: "PPR",
        identifier: "ISS123",
        asset,
        now: new Date(),
      });
      expect(r.verdict).toBe("rejected");
      expect(r.findings.map((f) => f.code)).toEqual(["PRIVATE_KEY_DETECTED"]);
      expect(r.normalizedPem).toBeUndefined();
    }
  });
});

describe("key text between the base64 lines of a valid PEM block (found by the property below)", () => {
  it("hex or base64 lines at every line boundary of a PKCS#7 and a chain are refused, not decoded into a certificate", () => {
    const key = keys[0]!.der;
    for (const material of [textMaterials[2]!, textMaterials[0]!]) {
      const lines = material.text.split("\n").length;
      for (const encoding of [TEXT_ENCODINGS[0]!, TEXT_ENCODINGS[3]!]) {
        for (let at = 0; at <= lines; at++) expectRefused(insertAtLine(material.text, encoding.encode(key), at), key);
      }
    }
  });
});

describe("property: a key in any encoding, placed at random inside valid material, is always refused", () => {
  it("text encodings at any line of PEM material", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.nat(), (k, e, m, at) => {
        const key = keys[k % keys.length]!.der;
        const piece = TEXT_ENCODINGS[e % TEXT_ENCODINGS.length]!.encode(key);
        expectRefused(insertAtLine(textMaterials[m % textMaterials.length]!.text, piece, at), key);
      }),
      { numRuns: 300 },
    );
  });

  it("text encodings around DER material, raw keys before or after any material", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.boolean(), fc.boolean(), (k, e, m, before, binary) => {
        const key = keys[k % keys.length]!.der;
        const piece = binary
          ? key
          : new Uint8Array(Buffer.from(`\n${TEXT_ENCODINGS[e % TEXT_ENCODINGS.length]!.encode(key)}\n`, "latin1"));
        const all = [
          ...binaryMaterials.map((x) => x.der),
          ...textMaterials.map((x) => new Uint8Array(Buffer.from(x.text, "latin1"))),
        ];
        const material = all[m % all.length]!;
        expectRefused(concat(before ? [piece, material] : [material, piece]), key);
      }),
      { numRuns: 300 },
    );
  });

  it("keys encoded inside random comment text between PEM blocks", () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (k, e, pre, post) => {
        const key = keys[k % keys.length]!.der;
        const clean = (s: string) => s.replace(/[^ -~]/g, " ");
        const piece = `${clean(pre)} ${TEXT_ENCODINGS[e % TEXT_ENCODINGS.length]!.encode(key)} ${clean(post)}`;
        expectRefused(fx.text("leaf.pem") + piece + "\n" + fx.text("int.pem"), key);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the file name is input too", () => {
  it("a key pasted into the file name refuses the upload without echoing it; bidi names only warn", () => {
    const key = keys[0]!.der;
    const f = fileNameFindings(`-----BEGIN PRIVATE KEY-----${b64(key)}-----END PRIVATE KEY-----`);
    expect(f.map((x) => x.code)).toEqual(["PRIVATE_KEY_DETECTED"]);
    expect(JSON.stringify(f)).not.toContain(b64(key).slice(20, 60));
    expect(fileNameFindings(b64(key)).map((x) => x.code)).toEqual(["PRIVATE_KEY_DETECTED"]);
    expect(fileNameFindings("client\u202Emep.csr").map((x) => x.code)).toEqual(["UNSAFE_CHARACTERS"]);
    expect(fileNameFindings("client.csr")).toEqual([]);
  });
});

describe("no false alarms", () => {
  it("valid material with ordinary comments, bag attributes and fingerprints is read", () => {
    const commented = [
      "Bag Attributes",
      "    localKeyID: 3A 9F 01 22 7B 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE",
      "    friendlyName: client",
      "subject=O = Acme Bank, CN = api.customer.example",
      "SHA256 Fingerprint=" + "AB:".repeat(31) + "AB",
      "Do not send the private key: keep it on the server.",
      fx.text("leaf.pem"),
      fx.text("int.pem"),
    ].join("\n");
    const r = decodeInput(commented);
    expect(r.privateKeyDetected).toBe(false);
    expect(r.certificates).toHaveLength(2);
    for (const m of [...binaryMaterials.map((x) => x.der), ...textMaterials.map((x) => x.text)])
      expect(decodeInput(m).privateKeyDetected).toBe(false);
  });

  it("random printable text around a certificate never looks like a key", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        expect(decodeInput(s.replace(/BEGIN/g, "") + "\n" + fx.text("leaf.pem")).privateKeyDetected).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
