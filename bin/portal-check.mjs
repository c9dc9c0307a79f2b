#!/usr/bin/env node
// Thin launcher: registers tsx so the TypeScript entry runs as is after `npm install`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../scripts/portal-check.ts");
process.exitCode = await main(process.argv.slice(2));
