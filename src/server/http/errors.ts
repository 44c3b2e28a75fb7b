import type { FastifyReply } from 'fastify';

/** Every /api error has this shape: a stable code for the pane to translate, an English message for logs and curl. */
export interface ApiErrorBody {
  error: { code: string; message: string; params?: Record<string, string | number> };
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  params?: Record<string, string | number>,
): FastifyReply {
  const body: ApiErrorBody = { error: { code, message, ...(params !== undefined ? { params } : {}) } };
  return reply.code(status).header('cache-control', 'no-store').send(body);
}
