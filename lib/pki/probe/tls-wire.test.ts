import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readServerFlight } from "./tls-wire";

/** A TLS 1.2 handshake record holding one message. */
const record = (type: number, body: number[]) => {
  const msg = [type, (body.length >> 16) & 255, (body.length >> 8) & 255, body.length & 255, ...body];
  return [22, 3, 3, msg.length >> 8, msg.length & 255, ...msg];
};

describe("readServerFlight", () => {
  it("reads a TLS 1.2 ServerHello and a CertificateRequest with two CA names (RFC 5246 §7.4.4)", () => {
    const hello = [3, 3, ...new Array(32).fill(7), 0, 0xc0, 0x2f, 0];
    const dn1 = [0x30, 0x00];
    const dn2 = [0x30, 0x02, 0x31, 0x00];
    const names = [0, dn1.length, ...dn1, 0, dn2.length, ...dn2];
    const request = [1, 64, 0, 2, 4, 3, ...[names.length >> 8, names.length & 255], ...names];
    const flight = readServerFlight(Uint8Array.from([...record(2, hello), ...record(13, request), 20, 3, 3, 0, 1, 1]));
    expect(flight.version).toBe("TLSv1.2");
    expect(flight.certificateRequest!.caNames.map((n) => [...n])).toEqual([dn1, dn2]);
    expect(flight.encryptedAfter).toBe(true);
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        readServerFlight(bytes);
        readServerFlight(Uint8Array.from([22, 3, 3, 0, bytes.length & 255, ...bytes]));
      }),
    );
  });
});
