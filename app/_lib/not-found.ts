import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/server/errors";

/** Pages render Next's 404 for a service NOT_FOUND, which includes another organization's objects. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
