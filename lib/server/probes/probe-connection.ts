import "server-only";
import { mozillaRootStore, parseCertificate, type Finding } from "@/lib/pki";
import { PROBE_PORTS } from "@/lib/pki/probe/address-policy";
import { evaluateProbe, type ProbeResult } from "@/lib/pki/probe/evaluate";
import { probeEndpoint, type Lookup } from "@/lib/probe/probe-endpoint";
import type { Db } from "../db/client";
import type { Actor, RequestOrigin } from "../actor";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAudit } from "../audit/record-audit";
import { requirePermission } from "../auth/guards";
import { loadConnection, type ConnectionContext } from "../connections/load-connection";
import { claimProbeSlot, PROBE_MIN_INTERVAL_MS } from "./claim-probe-slot";
import { probeConfig, type ProbeConfig } from "./probe-config";
import { probeMaterial } from "./probe-material";

export type ProbeConnectionOptions = {
  db: Db;
  actor: Actor;
  connectionId: string;
  /**
   * Test and lab mode only: probe this port instead of the host's 443/8443. Accepted only when PORTAL_PROBE_ALLOW is
   * set, and then only towards allow-listed addresses (see docs/decisions/014): never a port scan of the Internet.
   */
  port?: number;
  trigger?: "manual" | "scheduled";
  origin?: RequestOrigin;
  now?: Date;
  config?: ProbeConfig;
  lookup?: Lookup;
};

export type ProbeConnectionResult = ProbeResult & { id: string };

/**
 * The endpoint check of a connection (issue 13): connect to its ISSUER_HOST as Thales will, judge what is served
 * against the uploaded chain, trust store and Thales client CA, store the result as history, audit it.
 * Customers check their own connections, Thales delivery any; one probe per connection per minute.
 */
export async function probeConnection(options: ProbeConnectionOptions): Promise<ProbeConnectionResult> {
  const { db, actor, connectionId } = options;
  requirePermission(actor, "connection:probe");
  const connection = await loadConnection(db, actor, connectionId);
  return runProbe({ ...options, connection });
}

export type RunProbeOptions = Omit<ProbeConnectionOptions, "actor" | "connectionId"> & {
  connection: Pick<ConnectionContext, "id" | "organizationId">;
  /** The person who asked; null for the daily re-check. */
  actor: Actor | null;
};

/** The probe itself, for a connection already authorized (or the scheduler's own work). */
export async function runProbe(options: RunProbeOptions): Promise<ProbeConnectionResult> {
  const { db, actor, connection, origin } = options;
  const now = options.now ?? new Date();
  const config = options.config ?? probeConfig();
  const audit = (action: string, details: Record<string, unknown>) =>
    recordAudit(db, {
      action,
      actor,
      organizationId: connection.organizationId,
      target: { type: "Connection", id: connection.id },
      details,
      origin,
    });
  if (options.port !== undefined && !(PROBE_PORTS as readonly number[]).includes(options.port) && !config.allow) {
    await audit("connection.probe_refused", { reason: "port override without PORTAL_PROBE_ALLOW", port: options.port });
    throw new AppError("INVALID_INPUT", "Only ports 443 and 8443 are probed.");
  }
  const material = await probeMaterial(db, connection.id);
  if (!material.host?.host)
    throw new AppError("CONFLICT", "This connection has no endpoint host yet: upload ISSUER_HOST first.");
  if (!(await claimProbeSlot(db, connection.id, now))) {
    await audit("connection.probe_refused", { reason: "rate limit" });
    throw new AppError("THROTTLED", `One endpoint check per connection every ${PROBE_MIN_INTERVAL_MS / 1000} seconds.`);
  }
  const host = material.host.host;
  const overridden = options.port !== undefined && !(PROBE_PORTS as readonly number[]).includes(options.port);
  const port = options.port ?? material.host.port ?? 443;
  const observation = await probeEndpoint({
    // A port outside 443/8443 reaches only allow-listed addresses: anything else is refused before connecting.
    host,
    port,
    allow: config.allow,
    onlyAllowListed: overridden,
    timeoutMs: config.timeoutMs,
    clientCredential: config.clientCredential,
    lookup: options.lookup,
  });
  const roots = mozillaRootStore();
  // Anchors: the trust store as uploaded, and the uploaded chain's root only (an uploaded intermediate must be served).
  const anchors = [
    ...material.trustStore,
    ...material.uploadedChain.filter((der) => {
      const parsed = parseCertificate(der);
      return parsed.ok && parsed.value.selfIssued;
    }),
  ];
  const result = evaluateProbe(observation, {
    uploadedChain: material.uploadedChain,
    anchors,
    thalesClientCas: material.thalesClientCas,
    now,
    isKnownRoot: (key) => roots.bySubject.has(key),
  });
  const id = newId();
  await db.endpointProbe.create({
    data: {
      id,
      connectionId: connection.id,
      organizationId: connection.organizationId,
      createdAt: now,
      host,
      port,
      verdict: result.verdict,
      trigger: options.trigger ?? "manual",
      actorId: actor?.id ?? null,
      result: JSON.stringify(result),
    },
  });
  await audit("connection.probed", {
    host,
    port,
    verdict: result.verdict,
    codes: codes(result.findings),
    probeId: id,
    trigger: options.trigger ?? "manual",
  });
  return { ...result, id };
}

const codes = (findings: Finding[]) => [...new Set(findings.map((f) => f.code))];
