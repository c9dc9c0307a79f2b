/**
 * One TLS handshake attempt against one address, with the server's bytes (and, for TLS 1.3, the handshake secrets
 * of this client) recorded so that lib/pki/probe/tls-wire can read what Node's TLS API does not expose
 * (CertificateRequest CA names, the served list as sent).
 * Network code, shared by the portal's probe and the portal-check CLI; no environment reads.
 */
import { connect as netConnect, isIP, type Socket } from "node:net";
import { Duplex } from "node:stream";
import { connect as tlsConnect, type SecureVersion, type TLSSocket } from "node:tls";
import { readServerFlight, type ServerFlight } from "@/lib/pki/probe/tls-wire";

export type AttemptOptions = {
  address: string;
  port: number;
  /** SNI and the name the server is asked for; an IP literal sends no SNI. */
  servername: string;
  minVersion: SecureVersion;
  maxVersion: SecureVersion;
  /** Client credential for a full mutual handshake (PEM); the key never leaves this process. */
  cert?: string;
  key?: string;
  /** CA certificates (PEM) to verify the server against; when given, the result says whether it verified. */
  ca?: string;
  timeoutMs: number;
  /** After the handshake, send a request and wait for the answer (or the refusal). */
  exchange?: boolean;
};

export type AttemptResult = {
  /** TCP connected. */
  connected: boolean;
  /** TLS handshake completed (and, in TLS 1.3, the server did not reject us right after it). */
  handshake: boolean;
  /** Node/OpenSSL error code or message when something failed. */
  error?: string;
  flight: ServerFlight;
  /** The peer chain as Node reports it (leaf first, each followed by its issuer): used when the list was not read. */
  peerChain: Uint8Array[];
  protocol?: string;
  /** Set when `ca` was given: did the served chain verify against it (OpenSSL's verdict, with the name check). */
  verified?: { ok: boolean; error?: string };
};

function peerChain(socket: TLSSocket): Uint8Array[] {
  const out: Uint8Array[] = [];
  const seen = new Set<string>();
  let cert = socket.getPeerCertificate(true);
  while (cert && cert.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(new Uint8Array(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}

const MAX_RECORDED_BYTES = 1024 * 1024;

/** A TCP connection whose incoming bytes (the first MiB) are copied aside before TLS reads them. */
function recordingSocket(raw: Socket, received: Buffer[]): Duplex {
  const duplex = new Duplex({
    read() {},
    write(chunk, _encoding, callback) {
      raw.write(chunk, callback);
    },
    final(callback) {
      raw.end();
      callback();
    },
    destroy(error, callback) {
      raw.destroy();
      callback(error);
    },
  });
  let recorded = 0;
  raw.on("data", (data: Buffer) => {
    // A server's first flight fits in far less; beyond this the copy would only cost memory (TLS still reads it).
    if (recorded < MAX_RECORDED_BYTES) received.push(data.subarray(0, MAX_RECORDED_BYTES - recorded));
    recorded += data.length;
    duplex.push(data);
  });
  raw.on("end", () => duplex.push(null));
  raw.on("close", () => duplex.push(null));
  raw.on("error", (error) => duplex.destroy(error));
  return duplex;
}

export async function attemptHandshake(opts: AttemptOptions): Promise<AttemptResult> {
  const received: Buffer[] = [];
  // This connection's own secrets (NSS key log lines): they open the server's encrypted TLS 1.3 flight, so the
  // CertificateRequest's CA names can be read as in TLS 1.2. They never leave this function.
  const keylog: Buffer[] = [];
  const flight = () => readServerFlight(Buffer.concat(received), keylog);
  const raw = netConnect({ host: opts.address, port: opts.port });
  const deadline = Date.now() + opts.timeoutMs;
  const connected = await new Promise<string | true>((resolve) => {
    const timer = setTimeout(() => resolve("ETIMEDOUT"), opts.timeoutMs);
    raw.once("connect", () => (clearTimeout(timer), resolve(true)));
    raw.once("error", (e: NodeJS.ErrnoException) => (clearTimeout(timer), resolve(e.code ?? e.message)));
  });
  if (connected !== true) {
    raw.destroy();
    return { connected: false, handshake: false, error: connected, flight: flight(), peerChain: [] };
  }
  const legacy = opts.maxVersion === "TLSv1" || opts.maxVersion === "TLSv1.1";
  const socket = tlsConnect({
    socket: recordingSocket(raw, received),
    servername: isIP(opts.servername) ? undefined : opts.servername,
    minVersion: opts.minVersion,
    maxVersion: opts.maxVersion,
    // Only to learn whether the server still accepts TLS 1.0/1.1: OpenSSL 3 refuses them at the default level.
    ciphers: legacy ? "DEFAULT:@SECLEVEL=0" : undefined,
    rejectUnauthorized: false,
    cert: opts.cert,
    key: opts.key,
    ca: opts.ca,
  });
  socket.on("keylog", (line: Buffer) => keylog.length < 16 && keylog.push(line));
  const result = await new Promise<AttemptResult>((resolve) => {
    let done = false;
    let protocol: string | undefined;
    let chain: Uint8Array[] = [];
    let verified: AttemptResult["verified"];
    const finish = (handshake: boolean, error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ connected: true, handshake, error, flight: flight(), peerChain: chain, protocol, verified });
    };
    const timer = setTimeout(
      () => finish(protocol !== undefined, protocol ? undefined : "ETIMEDOUT"),
      Math.max(1, deadline - Date.now()),
    );
    socket.once("secureConnect", () => {
      protocol = socket.getProtocol() ?? undefined;
      chain = peerChain(socket);
      if (opts.ca)
        verified = {
          ok: socket.authorized,
          error: socket.authorizationError ? String(socket.authorizationError) : undefined,
        };
      // The client side finishes before the server has judged our certificate (TLS 1.3 always; servers that check
      // it after the handshake, like Node's, in 1.2 too). So ask for something and see whether an answer comes
      // or the connection is refused: a HEAD request is harmless on HTTPS endpoints and answered by any HTTP server.
      if (!opts.exchange && protocol !== "TLSv1.3") return finish(true);
      socket.write(`HEAD / HTTP/1.1\r\nHost: ${opts.servername}\r\nConnection: close\r\n\r\n`);
    });
    socket.on("data", () => finish(true));
    socket.once("error", (e: NodeJS.ErrnoException) => finish(false, e.code ?? e.message));
    const closed = () => finish(false, protocol ? "closed by the server after the handshake" : "ECONNRESET");
    socket.once("end", closed);
    socket.once("close", closed);
  });
  socket.destroy();
  raw.destroy();
  return result;
}
