import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Flat config: Next's recommended rules plus the layering rule of STYLE.md §1. */
const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      "bench/results/**",
      "node_modules/**",
      "lib/server/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Playwright fixtures call their callback `use`, which is not React's hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Edges call use cases in lib/server/ (which authorize and audit); they never query the database themselves.
    // They may take the shared client (`getDb`) to hand it to a use case, nothing more.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/server/db/client",
              importNames: ["createDb", "Db", "Tx"],
              message: "Pages and routes pass getDb() to a use case in lib/server/<area>/; they do not query.",
            },
          ],
          patterns: [
            {
              group: [
                "@prisma/*",
                "**/generated/**",
                "**/lib/server/db/*",
                "!@/lib/server/db/client",
                "!@/lib/server/db/config",
              ],
              message: "No Prisma under app/ or components/: move the query into a use case in lib/server/<area>/.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.name='db'], MemberExpression[object.callee.name='getDb']",
          message: "No Prisma under app/ or components/: move the query into a use case in lib/server/<area>/.",
        },
      ],
    },
  },
  {
    // The pure core never reaches into the framework, the database or the environment.
    files: ["lib/pki/**/*.ts", "lib/assets/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "next",
            "next/*",
            "react",
            "react-dom",
            "@prisma/*",
            "**/generated/**",
            "@/lib/server/*",
            "**/server/**",
          ],
        },
      ],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Pass configuration in as parameters." },
      ],
    },
  },
];

export default config;
