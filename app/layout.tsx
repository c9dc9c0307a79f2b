import type { Metadata } from "next";
import { currentRequestId } from "./_lib/request-id";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TLS Onboarding Portal", template: "%s · TLS Onboarding Portal" },
  description: "Exchange mutual-TLS material with Thales, per environment and identifier.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The error page (a client component) shows this id so support can find the request's log line.
  const requestId = await currentRequestId();
  return (
    <html lang="en">
      <head>{requestId ? <meta name="portal-request-id" content={requestId} /> : null}</head>
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
