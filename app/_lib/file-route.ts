import "server-only";
import { originFromHeaders } from "@/lib/server/auth/origin";
import { signedIn } from "./action";
import { fileErrorResponse, fileResponse } from "./responses";

/**
 * A browser file route about one record (`/…/[id]/…`: a download, a trust-store export): `read` checks the
 * request's own parameters, then asks `signedIn()` for the service's context and returns the file. Any error is
 * answered as for every file route (`fileErrorResponse`: the branded page in a browser, JSON otherwise).
 */
export function fileRoute(
  read: (
    request: Request,
    id: string,
    signedIn: () => ReturnType<typeof fileContext>,
  ) => Promise<Parameters<typeof fileResponse>[0]>,
) {
  return async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    try {
      const { id } = await params;
      return fileResponse(await read(request, id, () => fileContext(request)));
    } catch (error) {
      return fileErrorResponse(request, error);
    }
  };
}

/**
 * `signedIn`, and where the request came from, as server actions' `audited`, but read from the route's own request
 * (a route handler has it at hand; `audited` reads the headers of the action's request).
 */
async function fileContext(request: Request) {
  return { ...(await signedIn()), origin: originFromHeaders(request.headers) };
}
