import type { IncomingMessage, ServerResponse } from "node:http";

export type DirectHandler = (request: Request, context: { params: Promise<Record<string, string>> }) => unknown;
export type DirectRoute = { handler: DirectHandler; page: string; params: Record<string, string> };

export function compilePattern(page: string): (pathname: string) => Record<string, string> | undefined;
export function directPath(target: string): string | undefined;
export function loadDirectApi(options: {
  root: string;
  distDir: string;
}): Promise<(method: string | undefined, target: string) => DirectRoute | undefined>;
export function nextCompression(options: {
  root: string;
  distDir: string;
}): ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
export function serveDirect(
  req: IncomingMessage,
  res: ServerResponse,
  route: Pick<DirectRoute, "handler" | "params">,
  options: {
    origin: string;
    hostname: string;
    port: number;
    compress?: (req: IncomingMessage, res: ServerResponse) => void;
    onError: (error: unknown) => void;
  },
): Promise<void>;
