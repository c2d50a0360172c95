import type { Role } from '../../db/schema.js';

/** Who is signed in: set on the request by the session middleware (server/auth/middleware.ts). */
export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  /** The regions a manager may see; null for every region (admins, sociologists). */
  regions: string[] | null;
}

/** Hono environment of routes behind a session. */
export interface AuthEnv {
  Variables: { user: SessionUser };
}
