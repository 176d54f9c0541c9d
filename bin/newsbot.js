#!/usr/bin/env node
// `npx newsbot …`: the TypeScript sources run through tsx, as `npm run newsbot` does.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
await runCli(process.argv);
