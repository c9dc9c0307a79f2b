import "server-only";
import { EXPIRY_WATCHED } from "@/lib/assets/lifecycle";
import { isAssetKind } from "@/lib/assets/kinds";
import { DAY_MS, EXPIRY_THRESHOLDS, expiryStage, isEnvironment, isProgram } from "@/lib/pki";
import type { JobContext, JobResult } from "../jobs/job-context";
import { toAppError } from "../errors";
import { parseStoredReport } from "../assets/version-record";
import { emitEvent } from "./emit-event";
import { VERSION_PLACE } from "../connections/named-connection";

const HORIZON_DAYS = Math.max(...EXPIRY_THRESHOLDS.map((t) => t.days));

/**
 * The expiry watch: every certificate of every version in force and not yet renewed (EXPIRY_WATCHED: issued and
 * TSH client certificates, every certificate of server chains and trust stores, every Thales asset; never a
 * RETIRING one, whose successor is in force) that has reached a threshold gets one "certificate.expiring" event
 * for that threshold, to the customer and to Thales. The dedupe key (version, certificate, threshold) is unique in
 * the database, so reruns, overlapping runs and several instances emit each notice once.
 */
export async function watchExpiry(context: JobContext): Promise<JobResult> {
  const { db, now } = context;
  const versions = await db.assetVersion.findMany({
    where: { state: { in: [...EXPIRY_WATCHED] }, notAfter: { lte: new Date(now.getTime() + HORIZON_DAYS * DAY_MS) } },
    select: {
      id: true,
      seq: true,
      report: true,
      organizationId: true,
      asset: { select: VERSION_PLACE },
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
      // Only the most urgent threshold reached: first seen 20 days ahead, a certificate gets the 30-day notice.
      const threshold = expiryStage(new Date(certificate.notAfter), now);
      if (threshold === undefined) continue;
      const dedupeKey = `expiry:${version.id}:${certificate.sha256}:${threshold}`;
      if (await db.outboxEvent.findUnique({ where: { dedupeKey }, select: { id: true } })) {
        result.alreadySent++;
        continue;
      }
      try {
        await db.$transaction((tx) =>
          emitEvent(tx, {
            type: "certificate.expiring",
            organizationId: version.organizationId,
            now,
            dedupeKey,
            email: Boolean(context.mailer),
            payload: {
              organizationName: connection.identifier.organization.name,
              environment,
              identifier: connection.identifier.value,
              program,
              connectionId: connection.id,
              kind,
              versionId: version.id,
              seq: version.seq,
              threshold,
              certificateSubject: certificate.subject,
              notAfter: new Date(certificate.notAfter).toISOString(),
              sha256: certificate.sha256,
            },
          }),
        );
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
