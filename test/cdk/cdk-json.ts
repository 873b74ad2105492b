/**
 * The context `cdk synth` runs with (cdk.json's `context`: the feature flags and settings), for
 * test apps: a `new App()` in a test does not read cdk.json, so without this the tests would
 * synthesize with other flags than a deploy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context;

/** The feature flags the installed aws-cdk-lib recommends for a new app (what `cdk init` writes). */
export const RECOMMENDED_FLAGS: Record<string, unknown> = JSON.parse(readFileSync(join(root, 'node_modules/aws-cdk-lib/recommended-feature-flags.json'), 'utf8'));
