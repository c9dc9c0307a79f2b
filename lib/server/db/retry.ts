import "server-only";

/**
 * Runs a transaction again when it lost a race on a unique key (e.g. two uploads claiming the same next
 * version number at once). The loser re-reads and tries again; after a few attempts the CONFLICT stands.
 */
export async function retryOnUniqueConflict<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown })?.code;
      const unique =
        code === "P2002" ||
        code === "P2034" ||
        /Unique constraint|could not serialize/i.test(error instanceof Error ? error.message : "");
      if (!unique || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
