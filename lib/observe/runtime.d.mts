import type { Logger } from "pino";
import type { Counter, Histogram, Registry } from "prom-client";

export type RequestContext = { requestId: string; actorId?: string };
export type PortalMetrics = {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  httpDuration: Histogram<"method" | "route">;
  uploads: Counter<"verdict">;
  uploadFindings: Counter<"code" | "severity">;
};
export function createLogger(destination?: NodeJS.WritableStream): Logger;
export function logger(): Logger;
export function requestContext(): RequestContext | undefined;
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T;
export function noteActor(actorId: string): void;
export function metrics(): PortalMetrics;
export function setProcessMetricsSource(source: (() => Promise<string>) | undefined): void;
export function processMetrics(): Promise<string>;
