// The typed API client: every call names a route's contract (src/*/contract.ts, gathered in
// src/contracts.ts), so the URL, the method and the types of params, query, body and answer all come
// from the one declaration the server validates against. Pages never write an /api URL by hand.
import type { AnyEndpoint, BodyIn, ParamsIn, QueryIn, ResponseOf } from '../../src/core/http/contract.js';
import { pathOf, queryString } from '../../src/core/http/contract.js';
import { download as downloadUrl, request, type RequestOptions } from './api.js';

export { API } from '../../src/contracts.js';
export type { ResponseOf } from '../../src/core/http/contract.js';

// Optional when every field is optional (an empty schema's input is Record<string, never>, which the empty object satisfies).
type Part<K extends string, T> = Record<never, never> extends T ? { [P in K]?: T } : { [P in K]: T };
/** What a call sends: params and query as the route's input types; body for non-GET routes. */
export type CallInput<E extends AnyEndpoint> = Part<'params', ParamsIn<E>> & Part<'query', QueryIn<E>> & Part<'body', BodyIn<E>>;

/** The URL of a route with its params and query filled in (for links: PDF reports open in a new tab). */
export function urlOf<E extends AnyEndpoint>(e: E, input: Partial<{ params: ParamsIn<E>; query: QueryIn<E> }> = {}): string {
  return pathOf(e.path, input.params as Record<string, unknown>) + queryString(input.query as Record<string, unknown>);
}

/** Call a JSON route. */
export function call<E extends AnyEndpoint>(e: E, ...[input, opts]: object extends CallInput<E> ? [CallInput<E>?, RequestOptions?] : [CallInput<E>, RequestOptions?]): Promise<ResponseOf<E>> {
  const i = (input ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
  const url = urlOf(e, i as never);
  return request<ResponseOf<E>>(e.method, url, e.method === 'GET' ? undefined : (i.body ?? {}), opts);
}

/** Upload one file to an `upload` route. */
export function upload<E extends AnyEndpoint>(e: E, input: Partial<{ params: ParamsIn<E>; query: QueryIn<E> }>, file: Blob, fileName: string, opts?: RequestOptions): Promise<ResponseOf<E>> {
  const fd = new FormData();
  fd.append('file', file, fileName);
  return request<ResponseOf<E>>(e.method, urlOf(e, input), fd, opts);
}

/** Download a file route (.xlsx, PDF) through fetch, so that errors show as messages. */
export function download<E extends AnyEndpoint>(e: E, input: Partial<{ params: ParamsIn<E>; query: QueryIn<E> }>, fallbackName: string): Promise<void> {
  return downloadUrl(urlOf(e, input), fallbackName);
}
