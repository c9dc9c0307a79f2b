import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { recordAudit } from "../audit/record-audit";
import { authenticate } from "./authenticate";
import { originFromHeaders } from "./origin";

/** Sessions are stateless signed tokens (DESIGN.md §6); the user row is re-read on every request. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = typeof credentials?.email === "string" ? credentials.email : "";
        const password = typeof credentials?.password === "string" ? credentials.password : "";
        if (!email || !password || email.length > 320 || password.length > 1000) return null;
        const result = await authenticate(getDb(), { email, password, origin: originFromHeaders(req?.headers) });
        // next-auth hands a thrown error's message to the sign-in form: only our own code, never details.
        if (!result.ok) {
          if (result.reason === "THROTTLED") throw new Error("THROTTLED");
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: typeof token.uid === "string" ? token.uid : undefined };
    },
  },
  events: {
    async signOut({ token }) {
      const uid = typeof token?.uid === "string" ? token.uid : undefined;
      if (!uid) return;
      const user = await getDb().user.findUnique({ where: { id: uid }, select: { id: true, email: true, role: true, organizationId: true } });
      if (user) await recordAudit(getDb(), { action: "auth.logout", actor: { ...user, role: user.role as never } });
    },
  },
};
