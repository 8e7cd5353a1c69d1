/**
 * An error graphql-js raised about the request itself — e.g. "Too many errors processing
 * variables" when over 50 variable values are wrong — rather than one thrown while resolving
 * (those carry an originalError and a path): the client's mistake, not the server's. Told by
 * shape, since Apollo and this file may load different copies of graphql-js.
 */
export function isRequestError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || (error as Error).name !== 'GraphQLError') return false;
  const { originalError, path } = error as { originalError?: unknown; path?: unknown };
  return !originalError && !path;
}
