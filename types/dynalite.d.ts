declare module 'dynalite' {
  import type { Server } from 'node:http';
  function dynalite(o?: { path?: string; createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; maxItemSizeKb?: number }): Server;
  export = dynalite;
}
