/**
 * The OpenAPI 3.1 description of the HTTP API, made from the routes themselves: each route carries
 * a `doc({...})` middleware (hono-openapi's describeRoute) naming the zod schemas it reads and
 * answers with, placed next to its handler; `apiSpec(app)` walks the mounted routes and turns
 * those schemas into the document served at /api/openapi.json and written by `npm run openapi`
 * to docs/openapi.json. There is no second, hand-kept copy: a route without `doc` is not in it.
 */
import type { Hono, MiddlewareHandler } from 'hono';
import { describeRoute, generateSpecs, resolver, type DescribeRouteOptions } from 'hono-openapi';
import type { OpenAPIV3_1 } from 'openapi-types';
import { z } from 'zod';
import { ERROR_STATUS } from '../errors.js';

/** The shared error shape (shared/API.md): `{ error: { code, message, fields? } }`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
    message: z.string(),
    fields: z
      .array(
        z.object({
          name: z.string(),
          message: z.string(),
          code: z.string().optional(),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional(),
  }),
});

/** A response: a zod schema (JSON), a media type (CSV, HTML, an image…), or null (no body). */
export type ResponseDoc = z.ZodType | `${string}/${string}` | null;

export interface RouteDoc {
  summary: string;
  description?: string;
  tags: string[];
  /** The JSON request body, as the handler checks it (jsonBody). */
  body?: z.ZodType;
  /** Another request body media type (CSV, a form). */
  bodyType?: string;
  /** Query parameters, as the handler reads them. */
  query?: z.ZodObject;
  /** Every success status with what it answers. */
  ok: Record<number, ResponseDoc>;
  /** Error statuses this route answers besides the common ones (see `COMMON_ERRORS`). */
  errors?: number[];
  /** Who may call it; `session` is added to every route under a signed-in prefix. */
  auth?: 'none' | 'session' | 'session-or-key';
}

/** Any request may be refused for these, whatever the route. */
const COMMON_ERRORS = [400, 403, 413, 415, 500, 503];
const SIGNED_IN_ERRORS = [401, 403, 429];

const ERROR_TEXT: Record<number, string> = {
  400: 'The request is malformed (BadRequest, InvalidBody, InvalidQuery, TooDeep…)',
  401: 'Not signed in, or wrong credentials',
  403: 'Not allowed for this user, or a cross-site request',
  404: 'No such resource',
  409: 'Conflicts with what is stored',
  410: 'Gone: closed, expired or over quota',
  412: 'A newer version was saved meanwhile',
  413: 'The body is too large',
  415: 'Wrong Content-Type',
  422: 'Understood but refused (the fields say why)',
  429: 'Too many requests: see Retry-After',
  500: 'Something went wrong on the server',
  503: 'Storage is busy or full: nothing was stored, try again after Retry-After',
};

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

function content(type: ResponseDoc) {
  if (type === null) return undefined;
  if (typeof type === 'string') return { [type]: { schema: { type: 'string' as const } } };
  return { 'application/json': { schema: resolver(type, OPTIONS) } };
}

/** Describes a route for the OpenAPI document; at run time it only passes the request on. */
export function doc(d: RouteDoc): MiddlewareHandler {
  const responses: NonNullable<DescribeRouteOptions['responses']> = {};
  for (const [status, type] of Object.entries(d.ok)) {
    responses[status] = {
      description: status === '201' ? 'Created' : 'OK',
      content: content(type),
    };
  }
  for (const status of d.errors ?? []) {
    responses[status] = { description: ERROR_TEXT[status] ?? 'Error', content: ERROR_CONTENT };
  }
  const parameters = d.query
    ? Object.entries(d.query.shape).map(([name, schema]) => ({
        name,
        in: 'query' as const,
        required: !(schema as z.ZodType).safeParse(undefined).success,
        ...((schema as z.ZodType).description
          ? { description: (schema as z.ZodType).description }
          : {}),
        schema: z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
      }))
    : undefined;
  return describeRoute({
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    tags: d.tags,
    ...(parameters ? { parameters: parameters as OpenAPIV3_1.ParameterObject[] } : {}),
    ...(d.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: resolver(d.body, OPTIONS) } },
          },
        }
      : d.bodyType
        ? {
            requestBody: {
              required: true,
              content: { [d.bodyType]: { schema: { type: 'string' } } },
            },
          }
        : {}),
    responses,
    ...(d.auth ? { security: SECURITY[d.auth] } : {}),
  });
}

const SECURITY: Record<NonNullable<RouteDoc['auth']>, OpenAPIV3_1.SecurityRequirementObject[]> = {
  none: [],
  session: [{ session: [] }],
  'session-or-key': [{ session: [] }, { apiKey: [] }],
};

/** z.custom (an answers object) is any JSON value in the document. */
const OPTIONS = { unrepresentable: 'any' };

const SIGNED_IN = /^\/api\/(admin|reports|exports)(\/|$)/;

/**
 * The document for `app`: every route that has a `doc`, with the common error responses and,
 * under the signed-in prefixes, the session requirement added to each operation.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any app, whatever its env
export async function apiSpec(app: Hono<any>): Promise<OpenAPIV3_1.Document> {
  const spec = (await generateSpecs(app, {
    documentation: {
      openapi: '3.1.0',
      info: {
        title: 'Ovoz API',
        version: '1',
        description:
          'Citizen-satisfaction surveys of social services: the citizen side (no sign-in), the ' +
          'admin side (session cookie) and provider IT systems (API key). Generated from the ' +
          'routes of the server; docs/api.md tells the rest.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ovoz_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'A provider API key' },
        },
      },
    },
    excludeStaticFile: false,
  })) as OpenAPIV3_1.Document;

  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const op of Object.values(item ?? {}) as OpenAPIV3_1.OperationObject[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      if (SIGNED_IN.test(path) && !op.security) op.security = SECURITY.session;
      const statuses = [...COMMON_ERRORS, ...(op.security?.length ? SIGNED_IN_ERRORS : [])];
      op.responses ??= {};
      for (const status of statuses.sort()) {
        op.responses[status] ??= {
          description: ERROR_TEXT[status] ?? 'Error',
          content: ERROR_CONTENT,
        };
      }
      op.responses = Object.fromEntries(
        Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)),
      );
    }
  }
  spec.components ??= {};
  spec.components.schemas = {
    ...spec.components.schemas,
    Error: errorSchema(),
  };
  return spec;
}

function errorSchema(): OpenAPIV3_1.SchemaObject {
  const { $schema: _, ...schema } = z.toJSONSchema(ErrorBody);
  return schema as OpenAPIV3_1.SchemaObject;
}
