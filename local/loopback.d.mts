// Types for loopback.mjs (plain JavaScript so the DynamoDB emulator's child process can load it).
import type { IncomingMessage } from 'node:http';
export function allowedHosts(port: number): Set<string>;
export function loopbackOrigins(port: number): string[];
export function isLoopbackAddress(address: string | undefined): boolean;
export function refuseNonLocal(req: Pick<IncomingMessage, 'headers' | 'socket'>, port: number): { status: 421 | 403; message: string } | null;
