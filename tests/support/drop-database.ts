import pg from "pg";

/**
 * Drops a throw-away PostgreSQL test database, with whatever is still connected to it.
 *
 * `WITH (FORCE)` terminates the other connections, which needs the right to signal them: an autovacuum
 * worker that happens to be in the database belongs to no role we are a member of, so without
 * `pg_signal_backend` (granted by .ci/run) the drop fails with SQLSTATE 42501. Such a worker finishes on a
 * small database within a moment, so on that refusal we wait and try again instead of failing the run.
 */
export async function dropDatabase(adminUrl: string, name: string, attempts = 20): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name.replaceAll('"', '""')}" WITH (FORCE)`);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (attempt >= attempts || (code !== "42501" && code !== "55006")) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}
