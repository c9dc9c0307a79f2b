import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { DEFAULT_SESSION_POLICY, sessionVerdict } from "@/lib/assets/session-policy";
import { getDb } from "../db/client";
import { endSession } from "./end-session";
import { authenticate } from "./authenticate";
import { originFromHeaders } from "./origin";

/**
 * The cookie is a signed token naming a server-side session row (model Session), read with its user on
 * every request: sign-out and revocation end the row, and the cookie opens nothing from then on.
 */
export const SESSION_MAX_AGE_SECONDS = DEFAULT_SESSION_POLICY.absoluteSeconds;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" }, otp: { label: "Code", type: "text" } },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        const otp = typeof credentials?.otp === "string" ? credentials.otp.slice(0, 40) : undefined;
        if (!email || !password || email.length > 320 || password.length > 1000 || /[\u0000-\u001f]/.test(email)) return null;
        const result = await authenticate(getDb(), { email, password, otp, origin: originFromHeaders(req?.headers) });
        // next-auth hands a thrown error's message to the sign-in form: only our own codes, never details.
        if (!result.ok) {
          if (result.reason !== "INVALID_CREDENTIALS") throw new Error(result.reason);
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, sid: result.sessionId };
      },
    }),
  ],
  callbacks: {
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
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) return { ...token, uid: user.id, sid: (user as { sid?: string }).sid, signedInAt: now, lastActivity: now };
      const verdict = sessionVerdict(token as Record<string, unknown>, now);
      return verdict === "idle" || verdict === "expired" ? { ...token, uid: undefined } : token;
    },
    session({ session, token }) {
      return { ...session, uid: typeof token.uid === "string" ? token.uid : undefined, sid: typeof token.sid === "string" ? token.sid : undefined };
    },
  },
  events: {
    // Ends the session server-side (audited there); a cookie copied before sign-out is refused afterwards.
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(getDb(), token.sid);
    },
  },
};
