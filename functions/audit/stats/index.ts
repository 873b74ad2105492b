/**
 * Statistics of an owner's connection requests, a domain concept of its own: which days their
 * exports cover (coverage.ts) and the numbers of each year (year-stats.ts). The report renders
 * them, the store keeps them, the API serves them.
 */
export * from './coverage.ts';
export * from './year-stats.ts';
