export function wellFormedTarget(target: string): boolean;
export const MALFORMED_TARGET: { error: "INVALID_INPUT"; message: string };
