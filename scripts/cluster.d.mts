import type { Logger } from "pino";
import type { Registry } from "prom-client";

export function workerCount(value?: string): number;
export function runPrimary(options: {
  count: number;
  marker: string | undefined;
  log: Logger;
  writeMarker: (file: string) => void;
  removeMarker: (file: string) => void;
}): void;
export function joinClusterMetrics(options: {
  registry: Registry;
  setProcessMetricsSource: (source: () => Promise<string>) => void;
}): void;
