/**
 * The parts of an OpenAPI 3.1 document the bad-input fuzz reads: each operation's parameters,
 * JSON request body and documented responses. @fastify/swagger inlines every schema (no $ref), so a
 * schema here is plain JSON Schema that Ajv and the generators take as it is.
 */
export type JsonSchema = Record<string, any>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  description?: string;
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, OpenApiResponse>;
  security?: unknown[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface Operation {
  /** `GET /api/applications/{id}`: how the operation is named in figures and failures. */
  key: string;
  method: string;
  /** The OpenAPI path template, `{name}` for each path parameter. */
  path: string;
  /** The same path in Fastify's route syntax (`:name`, `*`), to find the route's access rule. */
  routeUrl: string;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  bodySchema?: JsonSchema;
  responses: Record<string, OpenApiResponse>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Every operation of the document, in the document's order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = op.parameters ?? [];
      out.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        routeUrl: path.replace(/\{\*\}/g, '*').replace(/\{([^}]+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        bodySchema: op.requestBody?.content['application/json']?.schema,
        responses: op.responses,
      });
    }
  }
  return out;
}
