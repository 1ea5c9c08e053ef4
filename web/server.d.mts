// Types of server.mjs, for the browser tests.
import type { Server, IncomingMessage, ServerResponse } from "node:http";
export function startPlaygroundServer(options?: {
  port?: number;
  extra?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}): Promise<{ server: Server; url: string }>;
