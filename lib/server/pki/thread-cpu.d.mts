export function currentThreadId(): number | undefined;
export function threadCpuMs(threadId: number): number | undefined;
export function threadCpuMsFromStat(threadId: number): number | undefined;
