/**
 * AWS's wire protocols for the double: decoding a request's input and encoding an output or an error,
 * so the SDK v3 clients (schema serde in @aws-sdk/core/protocols) and the provider's Go SDK v2 parse
 * them. A service handler never sees HTTP; it returns plain objects (Date for timestamps, arrays for
 * lists, Map for query-protocol maps) and the encoders here write them per protocol.
 *
 * - AWS JSON 1.1 (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html): body is the input;
 *   output JSON with timestamps as epoch seconds; errors with the HTTP status, `__type` = the error's
 *   shape name and `message` in the body (the SDKs read `__type`/`code` and the `X-Amzn-ErrorType`
 *   header, and `message`/`Message`).
 * - restJson1 (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html): the error code in the
 *   `x-amzn-ErrorType` header, the body `{"message": …}`; output JSON, timestamps epoch seconds.
 * - AWS query (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html): a form body
 *   `Action=…&Version=…` with lists as `Name.member.N` and maps as `Name.entry.N.key|value`; the output
 *   `<OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId>…` with lists as `<member>`
 *   items and timestamps ISO 8601; errors `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code>
 *   <Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`
 *   (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html, and the parsers
 *   AwsQueryProtocol.loadQueryErrorCode in @aws-sdk/core and aws/protocol/query in the Go SDK v2).
 */
import { AwsServiceError } from './service';

export interface EncodedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

// ---------------------------------------------------------------------------------------------- JSON

/** A Date from any realm (jest's sandbox and structuredClone make Dates `instanceof` misses). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** JSON with Date values as epoch seconds (JSON 1.1 and restJson1 body timestamps). */
export function jsonStringify(value: unknown): string {
  // Copying only what holds a Date, then a plain stringify, is 2–3× faster than a replacer function
  // (which pays for Date.prototype.toJSON on every timestamp and a call per value).
  return JSON.stringify(withEpochSeconds(value));
}

function withEpochSeconds(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const converted = withEpochSeconds(value[index]);
      if (converted !== value[index]) (copy ??= [...value])[index] = converted;
    }
    return copy ?? value;
  }
  if (isDate(value)) return value.getTime() / 1000;
  let copy: Record<string, unknown> | undefined;
  for (const key in value as Record<string, unknown>) {
    const item = (value as Record<string, unknown>)[key];
    const converted = withEpochSeconds(item);
    if (converted !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = converted;
  }
  return copy ?? value;
}

export function decodeJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const parsed: unknown = JSON.parse(body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AwsServiceError('SerializationException', 'the request body is not a JSON object');
  return parsed as Record<string, unknown>;
}

export function encodeJsonOutput(output: unknown, requestId: string): EncodedResponse {
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId }, body: jsonStringify(output ?? {}) };
}

export function encodeJsonError(error: AwsServiceError, requestId: string): EncodedResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}

export function encodeRestJsonOutput(output: unknown, requestId: string): EncodedResponse {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: jsonStringify(output ?? {}) };
}

export function encodeRestJsonError(error: AwsServiceError, requestId: string): EncodedResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ message: error.message }),
  };
}

// --------------------------------------------------------------------------------------------- query

/**
 * The form body as a nested object: `Tags.member.1.Key=a` → `{ Tags: [{ Key: 'a' }] }`,
 * `Attrs.entry.1.key=k&Attrs.entry.1.value=v` → `{ Attrs: { k: 'v' } }`; `Action` and `Version` left out.
 * An empty list is sent as `Name=` and decodes to `''`, so a handler reads lists with `queryList()`.
 */
export function decodeQueryForm(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const path = key.split('.');
    let node = root;
    for (let index = 0; index < path.length - 1; index++) {
      const segment = path[index];
      const child = node[segment];
      if (child === undefined || child === null || typeof child !== 'object') node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
  return normalizeQueryNode(root) as Record<string, unknown>;
}

function normalizeQueryNode(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === 'member' && typeof record.member === 'object') {
    return indexed(record.member as Record<string, unknown>).map(normalizeQueryNode);
  }
  if (keys.length === 1 && keys[0] === 'entry' && typeof record.entry === 'object') {
    const map: Record<string, unknown> = {};
    for (const entry of indexed(record.entry as Record<string, unknown>)) {
      const { key, value } = entry as { key?: unknown; value?: unknown };
      if (typeof key === 'string') map[key] = normalizeQueryNode(value);
    }
    return map;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normalizeQueryNode(record[key]);
  return out;
}

function indexed(items: Record<string, unknown>): unknown[] {
  return Object.keys(items)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => items[key]);
}

/** A list member of a decoded query input: `''` (an empty list on the wire) and absent are `[]`. */
export function queryList<T = unknown>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

const XML_SPECIAL = /[&<>"']/;
const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlEscape(value: string): string {
  // Most values (names, ids, ARNs) need no escaping: skip the replace for them.
  return XML_SPECIAL.test(value) ? value.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]) : value;
}

/** Services keep their Date objects and answer them on every read; formatting each once keeps lists cheap. */
const isoCache = new WeakMap<Date, { time: number; text: string }>();

/** ISO 8601 without milliseconds, as IAM and STS write timestamps (`2024-01-15T09:30:00Z`). */
export function isoSeconds(date: Date): string {
  const time = date.getTime();
  let iso = isoCache.get(date);
  if (iso === undefined || iso.time !== time) {
    iso = { time, text: `${date.toISOString().slice(0, 19)}Z` };
    isoCache.set(date, iso);
  }
  return iso.text;
}

function xmlValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return xmlEscape(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      break;
    default:
      return '';
  }
  if (value === null) return '';
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += `<member>${xmlValue(item)}</member>`;
    return out;
  }
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return isoSeconds(value as Date);
  if (tag === '[object Map]') {
    let out = '';
    for (const [key, item] of value as Map<unknown, unknown>) out += `<entry><key>${xmlEscape(String(key))}</key><value>${xmlValue(item)}</value></entry>`;
    return out;
  }
  let out = '';
  for (const key in value as Record<string, unknown>) {
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined || item === null) continue;
    out += `<${key}>${xmlValue(item)}</${key}>`;
  }
  return out;
}

/** The XML namespace AWS query services answer in: `https://iam.amazonaws.com/doc/2010-05-08/`. */
export function queryNamespace(signingName: string, apiVersion: string): string {
  return `https://${signingName}.amazonaws.com/doc/${apiVersion}/`;
}

export function encodeQueryOutput(operation: string, output: unknown, namespace: string, requestId: string): EncodedResponse {
  // Operations without output (DeleteUser) answer with the metadata only.
  const result = output === undefined || output === null ? '' : `<${operation}Result>${xmlValue(output)}</${operation}Result>`;
  const body = `<${operation}Response xmlns="${namespace}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function encodeQueryError(error: AwsServiceError, namespace: string, requestId: string): EncodedResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${xmlEscape(error.code)}</Code><Message>${xmlEscape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
