#!/usr/bin/env tsx
/** CDK entry point (cdk.json: `npx tsx bin/app.ts`). Settings: see lib/app.ts. */
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const app = new App();
buildApp(app);
app.synth();
