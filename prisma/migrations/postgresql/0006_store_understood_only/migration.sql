-- Store only what was understood (docs/decisions/006-store-only-what-was-understood.md): an upload keeps the
-- normalized PEM the parser produced plus the SHA-256, size and name of the original, never its bytes.
ALTER TABLE "AssetVersion" ADD COLUMN "originalSha256" TEXT;
ALTER TABLE "AssetVersion" ADD COLUMN "originalSize" INTEGER;

-- The migrator runs this step here, in the same transaction: it fills the digest and size from the old bytes
-- and rescans them for private keys (an audit event per version that held one). Idempotent.
-- portal:data-step scrub-original-uploads

ALTER TABLE "AssetVersion" DROP COLUMN "originalBytes";
