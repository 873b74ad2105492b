#!/usr/bin/env tsx
/** CDK entry point (cdk.json: `npx tsx bin/app.ts`). Settings: see lib/app.ts. */
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app.ts';

const app = new App();
buildApp(app);
app.synth();
