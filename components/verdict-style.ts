/** The colour of an endpoint check's verdict badge (the connection page and the board's cards). */
export const VERDICT = {
  passed: "bg-green-700 text-white",
  warnings: "bg-amber-500 text-black",
  failed: "bg-red-700 text-white",
} as const;
