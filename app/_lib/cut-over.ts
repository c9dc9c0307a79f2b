import { z } from "zod";

/**
 * A form's cut-over: a datetime-local value ("2027-03-01T12:00"), read as UTC (the forms say so); empty or absent
 * means the default cut-over. One rule for the upload form and the publishing forms.
 */
export const cutOverField = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/)]).optional();

/** The instant a `cutOverField` value names, or undefined for the default. */
export function cutOverDate(value: string | undefined): Date | undefined {
  return value ? new Date(`${value}:00Z`) : undefined;
}
