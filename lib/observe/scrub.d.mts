export function scrubText(text: string): string;
export function scrubValue<T>(value: T, depth?: number): T;
