export function ensureAuthSecret(root: string, env?: NodeJS.ProcessEnv): string;
