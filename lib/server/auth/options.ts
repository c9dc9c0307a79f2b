import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DEFAULT_SESSION_POLICY, sessionVerdict } from "@/lib/assets/session-policy";
import { getDb } from "../db/client";
import { endSession } from "./end-session";
import { decodeSessionToken, encodeSessionToken } from "./session-token";
import { authenticate } from "./authenticate";
import { originFromHeaders } from "./origin";
import { headers } from "next/headers";
import { recordAudit } from "../audit/record-audit";
import { logError } from "../log";
import { nextAuthOidcProviders } from "../sso/next-auth-providers";
import { providerByNextAuthId } from "../sso/providers";
import { signInWithOidc } from "../sso/sign-in-with-oidc";

/**
 * The cookie is a signed token naming a server-side session row (model Session), read with its user on
 * every request: sign-out and revocation end the row, and the cookie opens nothing from then on.
 */
export const SESSION_MAX_AGE_SECONDS = DEFAULT_SESSION_POLICY.absoluteSeconds;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { encode: encodeSessionToken, decode: decodeSessionToken },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
        otp: { label: "Code", type: "text" },
      },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const otp = typeof credentials?.otp === "string" ? credentials.otp.slice(0, 40) : undefined;
        if (!email || !password || email.length > 320 || password.length > 1000 || /[\u0000-\u001f]/.test(email))
          return null;
        const result = await authenticate(getDb(), { email, password, otp, origin: originFromHeaders(req?.headers) });
        // next-auth hands a thrown error's message to the sign-in form: only our own codes, never details.
        if (!result.ok) {
          if (result.reason !== "INVALID_CREDENTIALS") throw new Error(result.reason);
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, sid: result.sessionId };
      },
    }),
    ...nextAuthOidcProviders(),
  ],
  callbacks: {
    // Single sign-on: next-auth verified the ID token; the portal decides who this is and opens the session
    // row (lib/server/sso). A refusal goes back to the sign-in page with its code only.
    async signIn({ account, profile }) {
      if (account?.type !== "oauth") return true;
      const provider = providerByNextAuthId(account.provider);
      if (!provider || !profile) return "/login?error=SSO_FAILED";
      const claims = profile as unknown as Record<string, unknown>;
      // A thrown error would reach the sign-in page's URL as its message: log it, say "failed".
      const result = await signInWithOidc({
        db: getDb(),
        provider,
        claims,
        origin: originFromHeaders(await headers()),
      }).catch((error: unknown) => {
        logError("Single sign-on failed", error);
        return undefined;
      });
      if (!result) return "/login?error=SSO_FAILED";
      if (!result.ok) return `/login?error=${result.reason}`;
      Object.assign(account, { portalUserId: result.userId, portalSessionId: result.sessionId });
      return true;
    },
    // Only same-origin redirects after sign-in/out; anything unparsable goes home (next-auth's default throws).
    redirect({ url, baseUrl }) {
      try {
        const target = new URL(url, baseUrl);
        return target.origin === new URL(baseUrl).origin ? target.toString() : baseUrl;
      } catch {
        return baseUrl;
      }
    },
    // Sessions end after 8 hours, or after 30 minutes without a request (lib/assets/session-policy.ts);
    // proxy.ts moves the activity mark forward on each request and drops an ended session's cookie.
    jwt({ token, user, account }) {
      const now = Math.floor(Date.now() / 1000);
      // A single sign-on carries the portal user and session chosen in signIn() (user.id is the IdP's subject).
      if (account?.type === "oauth") {
        const uid = typeof account.portalUserId === "string" ? account.portalUserId : undefined;
        const sid = typeof account.portalSessionId === "string" ? account.portalSessionId : undefined;
        return { uid, sid, signedInAt: now, lastActivity: now };
      }
      if (user)
        return { ...token, uid: user.id, sid: (user as { sid?: string }).sid, signedInAt: now, lastActivity: now };
      const verdict = sessionVerdict(token as Record<string, unknown>, now);
      return verdict === "idle" || verdict === "expired" ? { ...token, uid: undefined } : token;
    },
    session({ session, token }) {
      return {
        ...session,
        uid: typeof token.uid === "string" ? token.uid : undefined,
        sid: typeof token.sid === "string" ? token.sid : undefined,
      };
    },
  },
  // next-auth's own failures (an IdP error, a state or nonce mismatch, a token that does not verify) end on
  // the sign-in page with a generic code; each is logged and audited as a refused single sign-on.
  logger: {
    error(code, metadata) {
      logError(
        `next-auth: ${code}`,
        metadata instanceof Error ? metadata : ((metadata as { error?: unknown })?.error ?? metadata),
      );
      // One line per failed attempt: the callback's final error, or the start of a sign-in (discovery down).
      if (code !== "OAUTH_CALLBACK_ERROR" && code !== "SIGNIN_OAUTH_ERROR") return;
      const providerId = (metadata as { providerId?: unknown } | undefined)?.providerId;
      const details = {
        reason: "SSO_PROTOCOL_ERROR",
        code,
        provider: typeof providerId === "string" ? providerId : undefined,
      };
      void recordAudit(getDb(), { action: "auth.sso.refused", organizationId: null, details }).catch((error: unknown) =>
        logError("Could not audit a single sign-on failure", error),
      );
    },
    warn() {},
    debug() {},
  },
  events: {
    // Ends the session server-side (audited there); a cookie copied before sign-out is refused afterwards.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(getDb(), token.sid);
    },
  },
};
