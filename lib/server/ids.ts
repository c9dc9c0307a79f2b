import "server-only";
import { randomUUID } from "node:crypto";

/** Opaque, unguessable ids: a foreign object's id tells nothing about how many exist. */
export function newId(): string {
  return randomUUID();
}
