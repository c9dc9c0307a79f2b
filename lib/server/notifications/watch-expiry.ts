import "server-only";
import { EXPIRY_THRESHOLDS, reachedThreshold } from "@/lib/assets/expiry-thresholds";
import { IN_FORCE } from "@/lib/assets/lifecycle";
import { isAssetKind } from "@/lib/assets/kinds";
import { isEnvironment, isProgram } from "@/lib/pki";
import type { JobContext, JobResult } from "../jobs/job-context";
import { toAppError } from "../errors";
import { parseStoredReport } from "../assets/version-record";
import { emitEvent } from "./emit-event";

const DAY_MS = 86_400_000;
const HORIZON_DAYS = EXPIRY_THRESHOLDS[0].days;

/**
 * The expiry watch: every certificate of every version in force (issued and TSH client certificates, every
 * certificate of server chains and trust stores, every Thales asset) that has reached a threshold gets one
 * "certificate.expiring" event for that threshold, to the customer and to Thales. The dedupe key
 * (version, certificate, threshold) is unique in the database, so reruns, overlapping runs and several
 * instances emit each notice once.
 */
export async function watchExpiry(context: JobContext): Promise<JobResult> {
  const { db, now } = context;
  const versions = await db.assetVersion.findMany({
    where: { state: { in: [...IN_FORCE] }, notAfter: { lte: new Date(now.getTime() + HORIZON_DAYS * DAY_MS) } },
    select: {
      id: true, seq: true, report: true, organizationId: true,
      asset: { select: { kind: true, connection: { select: { id: true, environment: true, identifier: { select: { value: true, program: true, organization: { select: { name: true } } } } } } } },
    },
  });
  const result = { checked: 0, emitted: 0, alreadySent: 0 };
  for (const version of versions) {
    const { kind, connection } = version.asset;
    const environment = connection.environment;
    const program = connection.identifier.program;
    if (!isAssetKind(kind) || !isEnvironment(environment) || !isProgram(program)) continue;
    for (const certificate of parseStoredReport(version.report).certificates ?? []) {
      result.checked++;
      const threshold = reachedThreshold(new Date(certificate.notAfter), now);
      if (!threshold) continue;
      const dedupeKey = `expiry:${version.id}:${certificate.sha256}:${threshold.code}`;
      if (await db.outboxEvent.findUnique({ where: { dedupeKey }, select: { id: true } })) {
        result.alreadySent++;
        continue;
      }
      try {
        await db.$transaction((tx) => emitEvent(tx, {
          type: "certificate.expiring", organizationId: version.organizationId, now, dedupeKey, email: Boolean(context.mailer),
          payload: {
            organizationName: connection.identifier.organization.name, environment, identifier: connection.identifier.value,
            program, connectionId: connection.id, kind, versionId: version.id, seq: version.seq,
            threshold: threshold.code, certificateSubject: certificate.subject, notAfter: new Date(certificate.notAfter).toISOString(), sha256: certificate.sha256,
          },
        }));
        result.emitted++;
      } catch (error) {
        // Another instance emitted the same notice between our check and our insert: the unique key held.
        if (toAppError(error)?.code !== "CONFLICT") throw error;
        result.alreadySent++;
      }
    }
  }
  return result;
}
