import { createCipheriv, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hkdfExpandLabel, recordNonce, TLS13_SUITES, trafficKeys, MAX_HANDSHAKE_PLAINTEXT } from "./tls13";
import { readServerFlight } from "./tls-wire";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));
const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const u24 = (n: number) => [(n >> 16) & 255, (n >> 8) & 255, n & 255];
const message = (type: number, body: number[]) => [type, ...u24(body.length), ...body];

/** ServerHello of TLS 1.3 (legacy 1.2 + supported_versions 0x0304) with `suite`, in its plaintext record. */
function serverHelloRecord(suite: number): number[] {
  const extensions = [0, 43, 0, 2, 3, 4];
  const body = [3, 3, ...new Array(32).fill(9), 0, ...u16(suite), 0, ...u16(extensions.length), ...extensions];
  const hello = message(2, body);
  return [22, 3, 3, ...u16(hello.length), ...hello];
}

/** The server's encrypted flight, protected as RFC 8446 §5.2 says, by an encryptor written apart from tls13.ts. */
function protect(suite: number, secret: Uint8Array, plaintexts: { type: number; content: number[] }[], pad = 0) {
  const s = TLS13_SUITES[suite]!;
  const { key, iv } = trafficKeys(s, secret);
  return plaintexts.flatMap(({ type, content }, sequence) => {
    const inner = Buffer.from([...content, type, ...new Array(pad).fill(0)]);
    const header = Buffer.from([23, 3, 3, ...u16(inner.length + 16)]);
    const nonce = Buffer.from(iv);
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
    const cipher =
      s.cipher === "chacha20-poly1305"
        ? createCipheriv(s.cipher, key, nonce, { authTagLength: 16 })
        : createCipheriv(s.cipher, key, nonce, { authTagLength: 16 });
    cipher.setAAD(header, { plaintextLength: inner.length });
    const body = Buffer.concat([cipher.update(inner), cipher.final(), cipher.getAuthTag()]);
    return [...header, ...body];
  });
}

const keylogLine = (secret: Uint8Array) =>
  Buffer.from(`SERVER_HANDSHAKE_TRAFFIC_SECRET ${"ab".repeat(32)} ${Buffer.from(secret).toString("hex")}\n`);

const dn1 = [0x30, 0x00];
const dn2 = [0x30, 0x02, 0x31, 0x00];
const certificateRequest = (names: number[][], extra: number[] = []) => {
  const list = names.flatMap((n) => [...u16(n.length), ...n]);
  const ca = [0, 47, ...u16(list.length + 2), ...u16(list.length), ...list];
  const sigAlgs = [0, 13, 0, 4, 0, 2, 4, 3];
  const exts = [...sigAlgs, ...ca, ...extra];
  return message(13, [0, ...u16(exts.length), ...exts]);
};
const certificate = (certs: number[][]) => {
  const list = certs.flatMap((c) => [...u24(c.length), ...c, 0, 0]);
  return message(11, [0, ...u24(list.length), ...list]);
};
const FLIGHT = [
  ...message(8, [0, 0]), // EncryptedExtensions
  ...certificateRequest([dn1, dn2]),
  ...certificate([
    [1, 2, 3],
    [4, 5],
  ]),
  ...message(15, [4, 3, 0, 1, 7]), // CertificateVerify
  ...message(20, new Array(32).fill(1)), // Finished
];

describe("TLS 1.3 key schedule (RFC 8446 §7.1, §7.3)", () => {
  it("derives the server handshake key and iv of RFC 8448 §3 (Simple 1-RTT Handshake)", () => {
    const secret = hex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38");
    const { key, iv } = trafficKeys(TLS13_SUITES[0x1301]!, secret);
    expect(Buffer.from(key).toString("hex")).toBe("3fce516009c21727d0f2e4e86ee403bc");
    expect(Buffer.from(iv).toString("hex")).toBe("5d313eb2671276ee13000b30");
  });

  it("HKDF-Expand-Label agrees with OpenSSL's HKDF (expand only) for SHA-384 and a 32-byte key", () => {
    const secret = randomBytes(48);
    const info = Buffer.concat([Buffer.from([0, 32, 9]), Buffer.from("tls13 key"), Buffer.from([0])]);
    const openssl = execFileSync(
      "openssl",
      ["kdf", "-keylen", "32", "-kdfopt", "digest:SHA384", "-kdfopt", "mode:EXPAND_ONLY"].concat([
        "-kdfopt",
        `hexkey:${secret.toString("hex")}`,
        "-kdfopt",
        `hexinfo:${info.toString("hex")}`,
        "HKDF",
      ]),
      { encoding: "utf8" },
    );
    const ours = Buffer.from(hkdfExpandLabel("sha384", secret, "key", new Uint8Array(0), 32)).toString("hex");
    expect(openssl.replace(/[:\s]/g, "").toLowerCase()).toBe(ours);
  });

  it("XORs the record sequence number into the end of the iv", () => {
    const iv = hex("000102030405060708090a0b");
    expect(Buffer.from(recordNonce(iv, 0)).toString("hex")).toBe("000102030405060708090a0b");
    expect(Buffer.from(recordNonce(iv, 0x0102)).toString("hex")).toBe("000102030405060708090b09");
  });
});

describe("readServerFlight with the client's keylog (TLS 1.3)", () => {
  for (const [suite, { name, hash }] of Object.entries(TLS13_SUITES).map(([k, v]) => [Number(k), v] as const)) {
    it(`reads the CertificateRequest's certificate_authorities and the Certificate list under ${name}`, () => {
      const secret = randomBytes(hash === "sha256" ? 32 : 48);
      // The flight split over three records, one padded, after a compatibility change_cipher_spec.
      const records = protect(
        suite,
        secret,
        [
          { type: 22, content: FLIGHT.slice(0, 10) },
          { type: 22, content: FLIGHT.slice(10, 40) },
          { type: 22, content: FLIGHT.slice(40) },
        ],
        7,
      );
      const bytes = Uint8Array.from([...serverHelloRecord(suite), 20, 3, 3, 0, 1, 1, ...records]);
      const flight = readServerFlight(bytes, [keylogLine(secret)]);
      expect(flight).toMatchObject({ version: "TLSv1.3", cipherSuite: suite, tls13: { read: true } });
      expect(flight.certificateRequest!.caNames.map((n) => [...n])).toEqual([dn1, dn2]);
      expect(flight.certificates!.map((c) => [...c])).toEqual([
        [1, 2, 3],
        [4, 5],
      ]);
      // Without the secret, or with another one, nothing is claimed: the names are unreadable, not absent.
      const blind = readServerFlight(bytes);
      expect(blind.tls13).toEqual({ read: false, failure: "no handshake secret" });
      expect(blind.certificateRequest).toBeUndefined();
      const wrong = readServerFlight(bytes, [keylogLine(randomBytes(secret.length))]);
      expect(wrong.tls13).toEqual({ read: false, failure: "record did not authenticate" });
    });
  }

  const secret = randomBytes(32);
  const flightOf = (plaintexts: { type: number; content: number[] }[]) =>
    readServerFlight(Uint8Array.from([...serverHelloRecord(0x1301), ...protect(0x1301, secret, plaintexts)]), [
      keylogLine(secret),
    ]);

  it("a flight without a CertificateRequest, read through Finished, means none was requested", () => {
    const flight = flightOf([{ type: 22, content: [...message(8, [0, 0]), ...message(20, new Array(32).fill(1))] }]);
    expect(flight.tls13).toEqual({ read: true });
    expect(flight.certificateRequest).toBeUndefined();
  });

  it("a suite it does not read (TLS_AES_128_CCM_SHA256) leaves the names unreadable", () => {
    const bytes = Uint8Array.from([...serverHelloRecord(0x1304), 23, 3, 3, 0, 20, ...new Array(20).fill(0)]);
    expect(readServerFlight(bytes, [keylogLine(secret)]).tls13).toEqual({
      read: false,
      failure: "unknown cipher suite",
    });
  });

  it("a request without certificate_authorities lists no names", () => {
    const request = message(13, [0, 0, 8, 0, 13, 0, 4, 0, 2, 4, 3]);
    const flight = flightOf([{ type: 22, content: [...request, ...message(20, new Array(32).fill(1))] }]);
    expect(flight.certificateRequest).toEqual({ caNames: [] });
  });

  it("a lying server: overrunning lengths, an encrypted alert, a flood of records and of plaintext", () => {
    const finished = message(20, new Array(32).fill(1));
    const lying = [...certificateRequest([dn1])];
    lying[lying.length - dn1.length - 2] = 0x7f; // a DistinguishedName longer than its list
    expect(flightOf([{ type: 22, content: [...lying, ...finished] }]).tls13).toMatchObject({ read: false });
    const alert = flightOf([{ type: 21, content: [2, 40] }]);
    expect(alert).toMatchObject({ alert: { level: 2, description: 40 }, tls13: { read: false } });
    // Never a Finished: records of 1 byte each, then 16 KB each; reading stops at its bounds.
    const tiny = flightOf(Array.from({ length: 200 }, () => ({ type: 22, content: [8] })));
    expect(tiny.tls13).toEqual({ read: false, failure: "too much data" });
    const big = Math.ceil(MAX_HANDSHAKE_PLAINTEXT / 16000) + 1;
    const huge = flightOf(Array.from({ length: big }, () => ({ type: 22, content: new Array(16000).fill(8) })));
    expect(huge.tls13).toEqual({ read: false, failure: "too much data" });
  });

  it("never throws on arbitrary encrypted content, nor on arbitrary records after a TLS 1.3 ServerHello", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.uint8Array({ maxLength: 400 }), (content, raw) => {
        flightOf([{ type: 22, content: [...content] }]);
        flightOf([{ type: 22, content: [...message(13, [...content]), ...message(20, [])] }]);
        flightOf([{ type: 22, content: [...message(11, [...content]), ...message(20, [])] }]);
        readServerFlight(Uint8Array.from([...serverHelloRecord(0x1303), ...raw]), [keylogLine(secret)]);
      }),
      { numRuns: 300 },
    );
  });
});
