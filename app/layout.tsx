import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "TLS Onboarding Portal", template: "%s · TLS Onboarding Portal" },
  description: "Exchange mutual-TLS material with Thales, per environment and identifier.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
