import { NextResponse } from "next/server";
import { decodeInput, toCliJson, type AssetCheckKind } from "@/lib/pki";
import { checkAssetOffThread } from "@/lib/server/pki/check-pool";
import { AppError } from "@/lib/server/errors";
import { apiRoute } from "@/lib/server/api/http";
import { parseBody } from "@/lib/server/api/parse-input";
import { CheckBody } from "@/lib/server/api/schemas";
import { KINDS } from "@/lib/assets/kinds";

/** Pre-flight: the same lib/pki function as uploads and the CLI, so all three always agree. Stores nothing. */
export const POST = apiRoute(async ({ request }) => {
  const { content, kind, environment, trustAnchors, ...rest } = await parseBody(request, CheckBody);
  const anchors = trustAnchors === undefined ? undefined : decodeInput(trustAnchors);
  if (anchors?.privateKeyDetected)
    throw new AppError("INVALID_INPUT", "trustAnchors: contains a private key; it was not used.");
  if (anchors && !anchors.certificates.length)
    throw new AppError("INVALID_INPUT", "trustAnchors: holds no certificate.");
  const report = await checkAssetOffThread(content, {
    ...rest,
    environment,
    asset: KINDS[kind].check as AssetCheckKind,
    now: new Date(),
    ...(anchors ? { trustAnchors: anchors.certificates } : {}),
  });
  return NextResponse.json(toCliJson(report));
});
