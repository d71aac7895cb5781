/** A parsed answer of either simulator. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON under test
  body: any;
}

export interface JsonRequest {
  /** Sent as JSON with `content-type: application/json`. */
  body?: unknown;
  /** A raw body string sent as is. */
  rawBody?: string;
  headers: Record<string, string>;
}

/** One request; an empty answer body is `undefined`, anything else must be JSON. */
export async function jsonRequest(url: string, method: string, request: JsonRequest): Promise<ApiResponse> {
  const headers = { ...request.headers };
  let body: string | undefined = request.rawBody;
  if (request.body !== undefined) {
    body = JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
}
