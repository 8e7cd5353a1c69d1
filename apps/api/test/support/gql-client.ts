/**
 * A tiny GraphQL-over-HTTP client for integration tests: one instance is one browser, with its
 * own cookie jar (the login cookie `__Host-cyswllt_session` included).
 *
 * The jar stores what `Set-Cookie` sends and removes a cookie the server clears (empty value,
 * `Max-Age=0` or an `Expires` in 1970). It does not expire cookies by wall-clock time: the app runs
 * on a FixedClock, so expiry is the server's decision, which is what the tests check.
 */
export interface GqlError {
  message: string;
  extensions?: { code?: string; [k: string]: unknown };
  path?: (string | number)[];
}

export interface GqlResponse<T> {
  status: number;
  data?: T;
  errors?: GqlError[];
  /** The response headers (e.g. `set-cookie`), for tests of the transport itself. */
  headers: Headers;
  /** The parsed JSON body, or the text when it was not JSON (e.g. a plain 413). */
  body: unknown;
}

export interface GqlRequestInit {
  headers?: Record<string, string>;
  /** Sent as the body verbatim instead of `{ query, variables }` (batches, oversized or odd bodies). */
  rawBody?: string;
  /** HTTP method; POST unless told (GET sends query/variables in the URL, no body). */
  method?: 'GET' | 'POST';
}

export class GqlClient {
  /** Cookie name → value; sent back as `Cookie` on every request. */
  readonly cookies = new Map<string, string>();
  /** The raw `Set-Cookie` lines of the last response, to check cookie attributes. */
  lastSetCookie: string[] = [];

  /**
   * @param options.headers sent with every request, e.g. `x-forwarded-for` to appear as another
   *   client address (the app trusts the loopback proxy), before any per-request headers.
   */
  constructor(
    readonly graphqlUrl: string,
    private readonly options: { headers?: Record<string, string> } = {},
  ) {}

  async request<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    init: GqlRequestInit = {},
  ): Promise<GqlResponse<T>> {
    const method = init.method ?? 'POST';
    const headers: Record<string, string> = {};
    if (method === 'POST') headers['content-type'] = 'application/json';
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    Object.assign(headers, this.options.headers ?? {}, init.headers ?? {});

    let url = this.graphqlUrl;
    let body: string | undefined;
    if (method === 'GET') {
      const params = new URLSearchParams({ query });
      if (variables) params.set('variables', JSON.stringify(variables));
      url = `${url}?${params.toString()}`;
    } else {
      body = init.rawBody ?? JSON.stringify(variables === undefined ? { query } : { query, variables });
    }

    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.storeCookies(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const result: GqlResponse<T> = { status: res.status, headers: res.headers, body: parsed };
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const graphql = parsed as { data?: T | null; errors?: GqlError[] };
      if (graphql.data !== undefined && graphql.data !== null) result.data = graphql.data;
      if (Array.isArray(graphql.errors) && graphql.errors.length > 0) result.errors = graphql.errors;
    }
    return result;
  }

  /** The data of a call that must succeed; throws with the status and errors otherwise. */
  async data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await this.request<T>(query, variables);
    if (res.errors || res.data === undefined) {
      throw new Error(`GraphQL call failed (HTTP ${res.status}): ${JSON.stringify(res.errors ?? res.body, null, 2)}`);
    }
    return res.data;
  }

  /** `extensions.code` of the first error of a call that must fail; throws if it succeeded. */
  async errorCode(query: string, variables?: Record<string, unknown>): Promise<string> {
    const res = await this.request(query, variables);
    if (!res.errors) {
      throw new Error(
        `Expected a GraphQL error but the call succeeded (HTTP ${res.status}): ${JSON.stringify(res.body)}`,
      );
    }
    const code = res.errors[0].extensions?.code;
    if (typeof code !== 'string') {
      throw new Error(`The first GraphQL error has no extensions.code: ${JSON.stringify(res.errors)}`);
    }
    return code;
  }

  /** The `Cookie` header this browser sends (also on a WebSocket upgrade). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private storeCookies(headers: Headers): void {
    this.lastSetCookie = headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const cleared =
        value === '' ||
        attributes.some((attribute) => {
          const [key, attrValue = ''] = attribute.split('=').map((part) => part.trim());
          if (key.toLowerCase() === 'max-age') return Number(attrValue) <= 0;
          if (key.toLowerCase() === 'expires') return new Date(attrValue).getTime() < Date.UTC(2000, 0, 1);
          return false;
        });
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
