/**
 * The AWS double's HTTP server: one loopback server for every service, started and stopped by the
 * tests. It routes a request to a service and operation by protocol, resolves the caller's account from
 * the access key, runs the operation (service.ts: handlers know nothing of HTTP), encodes the answer in
 * the service's wire protocol (protocols.ts) and records the call.
 *
 * Routing (each rule is how the SDKs address the service; see protocols.ts for the references):
 * - AWS JSON 1.1: `X-Amz-Target: <targetPrefix>.<Operation>`;
 * - AWS query: a form body with `Action` and `Version`; the service is the SigV4 credential scope's
 *   service name (`…/us-east-1/iam/aws4_request`), or else the one whose API version matches;
 * - restJson1: `METHOD /path` in the service's routes (the scope's service first).
 *
 * It is test infrastructure: simpler than AWS where the tests do not need more (no signature check, no
 * permissions beyond "the account exists", no eventual consistency, no quotas).
 */
import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { managementPrincipal, parseAuthorization, type Principal } from './accounts';
import {
  decodeJsonBody,
  decodeQueryForm,
  encodeJsonError,
  encodeJsonOutput,
  encodeQueryError,
  encodeQueryOutput,
  encodeRestJsonError,
  encodeRestJsonOutput,
  queryNamespace,
  type EncodedResponse,
} from './protocols';
import { AwsServiceError, type CallerContext, type ServiceDouble } from './service';
import { createWorld, type ServiceFactory, type World } from './world';

export interface DoubleCall {
  /** The service's signing name (`organizations`, `iam`, …), or `unknown` when nothing matched. */
  service: string;
  operation: string;
  /** The caller's account; `''` when the access key was not recognised. */
  accountId: string;
  status: number;
  errorCode?: string;
  /** The error's message, so a failing test can say what the double refused. */
  errorMessage?: string;
  /** False when the double has no such operation (or no such service). */
  known: boolean;
  /** Time the double spent on the call, from the whole request read to the response written (µs). */
  micros?: number;
}

export interface AwsDouble {
  /** `http://127.0.0.1:<port>`: every service's endpoint. */
  readonly url: string;
  readonly world: World;
  readonly calls: DoubleCall[];
  /** Calls the double had no operation for: a test asserts this is empty. */
  unanswered(): DoubleCall[];
  /**
   * Run an operation directly (seeding an estate as the console would), as the given account (the
   * management account by default). Throws the operation's AwsServiceError; not recorded in `calls`.
   */
  invoke(signingName: string, operation: string, input: Record<string, unknown>, accountId?: string): unknown;
  close(): Promise<void>;
}

export interface AwsDoubleOptions {
  readonly region?: string;
  readonly managementAccountId?: string;
  readonly asyncSteps?: number;
  /** The services to answer; every `<name>Double` factory exported from services/*.ts by default. */
  readonly services?: readonly ServiceFactory[];
  /** The clock (the real one by default). */
  readonly now?: () => Date;
}

/** Every factory the services folder exports (`export const organizationsDouble: ServiceFactory`). */
export function defaultServices(): ServiceFactory[] {
  const folder = join(__dirname, 'services');
  const factories: ServiceFactory[] = [];
  for (const file of readdirSync(folder).sort()) {
    if (!/\.(ts|js)$/.test(file) || /\.(test|d)\.(ts|js)$/.test(file)) continue;
    // A plain require: the folder is read at run time, so a new service needs no registry edit.
    const exported = require(join(folder, file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exported)) {
      if (name.endsWith('Double') && typeof value === 'function') factories.push(value as ServiceFactory);
    }
  }
  return factories;
}

interface Routed {
  readonly service: ServiceDouble;
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

class Router {
  private readonly byTarget = new Map<string, ServiceDouble>();
  private readonly bySigningName = new Map<string, ServiceDouble>();
  private readonly query: ServiceDouble[] = [];
  private readonly restJson: ServiceDouble[] = [];

  constructor(services: readonly ServiceDouble[]) {
    for (const service of services) {
      if (this.bySigningName.has(service.signingName)) throw new Error(`two services sign as ${service.signingName}`);
      this.bySigningName.set(service.signingName, service);
      if (service.protocol === 'json') {
        if (!service.targetPrefix) throw new Error(`${service.signingName}: a json service needs a targetPrefix`);
        this.byTarget.set(service.targetPrefix, service);
      } else if (service.protocol === 'query') {
        if (!service.apiVersion) throw new Error(`${service.signingName}: a query service needs an apiVersion`);
        this.query.push(service);
      } else {
        this.restJson.push(service);
      }
    }
  }

  service(signingName: string): ServiceDouble | undefined {
    return this.bySigningName.get(signingName);
  }

  jsonTarget(target: string): { service?: ServiceDouble; operation: string } {
    const dot = target.lastIndexOf('.');
    return { service: this.byTarget.get(target.slice(0, dot)), operation: target.slice(dot + 1) };
  }

  queryService(scopeService: string | undefined, version: string): ServiceDouble | undefined {
    const scoped = scopeService ? this.bySigningName.get(scopeService) : undefined;
    if (scoped?.protocol === 'query') return scoped;
    return this.query.find((service) => service.apiVersion === version);
  }

  restRoute(scopeService: string | undefined, method: string, path: string): { service: ServiceDouble; operation: string } | undefined {
    const key = `${method} ${path}`;
    const scoped = scopeService ? this.bySigningName.get(scopeService) : undefined;
    const candidates = scoped?.protocol === 'rest-json' ? [scoped, ...this.restJson] : this.restJson;
    for (const service of candidates) {
      const operation = service.routes?.[key];
      if (operation) return { service, operation };
    }
    return undefined;
  }
}

export async function startAwsDouble(options: AwsDoubleOptions = {}): Promise<AwsDouble> {
  const world = createWorld(options);
  const services = (options.services ?? defaultServices()).map((factory) => factory(world));
  const router = new Router(services);
  const calls: DoubleCall[] = [];
  let requestCounter = 0;

  function nextRequestId(): string {
    requestCounter += 1;
    return `d0000000-0000-4000-8000-${requestCounter.toString(16).padStart(12, '0')}`;
  }

  function callerContext(principal: Principal, region: string, requestId: string): CallerContext {
    return { accountId: principal.accountId, arn: principal.arn, region, requestId };
  }

  function respond(response: ServerResponse, encoded: EncodedResponse): void {
    const body = Buffer.from(encoded.body, 'utf8');
    response.writeHead(encoded.status, { ...encoded.headers, 'content-length': String(body.length) });
    response.end(body);
  }

  function encodeError(protocol: ServiceDouble['protocol'], error: AwsServiceError, requestId: string, service?: ServiceDouble): EncodedResponse {
    if (protocol === 'json') return encodeJsonError(error, requestId);
    if (protocol === 'rest-json') return encodeRestJsonError(error, requestId);
    return encodeQueryError(error, queryNamespace(service?.signingName ?? 'iam', service?.apiVersion ?? '2010-05-08'), requestId);
  }

  function encodeOutput(service: ServiceDouble, operation: string, output: unknown, requestId: string): EncodedResponse {
    if (service.protocol === 'json') return encodeJsonOutput(output, requestId);
    if (service.protocol === 'rest-json') return encodeRestJsonOutput(output, requestId);
    return encodeQueryOutput(operation, output, queryNamespace(service.signingName, service.apiVersion ?? ''), requestId);
  }

  function asServiceError(error: unknown): AwsServiceError {
    if (error instanceof AwsServiceError) return error;
    const message = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    return new AwsServiceError('InternalFailure', `the double failed: ${message}`, 500);
  }

  function handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const started = process.hrtime.bigint();
    const before = calls.length;
    route(request, body, response);
    if (calls.length > before) calls[calls.length - 1].micros = Number(process.hrtime.bigint() - started) / 1000;
  }

  function route(request: IncomingMessage, body: string, response: ServerResponse): void {
    const requestId = nextRequestId();
    const { accessKeyId, scopeService } = parseAuthorization(request.headers.authorization);
    const scopeRegion = /Credential=[^/]+\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
    const target = request.headers['x-amz-target'];
    const contentType = String(request.headers['content-type'] ?? '');
    const path = (request.url ?? '/').split('?')[0];

    let protocol: ServiceDouble['protocol'];
    let routed: Routed | undefined;
    let unknownOperation: string;
    let unknownService: ServiceDouble | undefined;
    try {
      if (typeof target === 'string' && target !== '') {
        protocol = 'json';
        const { service, operation } = router.jsonTarget(target);
        unknownOperation = target;
        unknownService = service;
        if (service?.operations[operation]) routed = { service, operation, input: decodeJsonBody(body) };
      } else if (contentType.startsWith('application/x-www-form-urlencoded') || /(^|&)Action=/.test(body)) {
        protocol = 'query';
        const form = new URLSearchParams(body);
        const action = form.get('Action') ?? '';
        const service = router.queryService(scopeService, form.get('Version') ?? '');
        unknownOperation = action;
        unknownService = service;
        if (service?.operations[action]) routed = { service, operation: action, input: decodeQueryForm(form) };
      } else {
        protocol = 'rest-json';
        const route = router.restRoute(scopeService, request.method ?? 'GET', path);
        unknownOperation = `${request.method} ${path}`;
        if (route) routed = { ...route, input: decodeJsonBody(body) };
      }
    } catch (error) {
      const failure = asServiceError(error);
      calls.push({ service: scopeService ?? 'unknown', operation: String(target ?? path), accountId: '', status: failure.status, errorCode: failure.code, errorMessage: failure.message, known: false });
      respond(response, encodeJsonError(failure, requestId));
      return;
    }

    if (!routed) {
      const failure =
        protocol === 'query'
          ? new AwsServiceError('InvalidAction', `The action ${unknownOperation} is not valid for this web service (the AWS double does not answer it).`)
          : new AwsServiceError('UnknownOperationException', `The AWS double does not answer ${unknownOperation}.`);
      calls.push({ service: unknownService?.signingName ?? scopeService ?? 'unknown', operation: unknownOperation, accountId: '', status: failure.status, errorCode: failure.code, errorMessage: failure.message, known: false });
      respond(response, encodeError(protocol, failure, requestId, unknownService));
      return;
    }

    const { service, operation, input } = routed;
    const principal = accessKeyId ? world.credentials.resolve(accessKeyId) : undefined;
    if (!principal) {
      const failure =
        service.protocol === 'query'
          ? new AwsServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403)
          : new AwsServiceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400);
      calls.push({ service: service.signingName, operation, accountId: '', status: failure.status, errorCode: failure.code, errorMessage: failure.message, known: true });
      respond(response, encodeError(service.protocol, failure, requestId, service));
      return;
    }

    const caller = callerContext(principal, scopeRegion ?? world.region, requestId);
    try {
      const output = service.operations[operation](input, caller);
      calls.push({ service: service.signingName, operation, accountId: principal.accountId, status: 200, known: true });
      respond(response, encodeOutput(service, operation, output, requestId));
    } catch (error) {
      const failure = asServiceError(error);
      calls.push({ service: service.signingName, operation, accountId: principal.accountId, status: failure.status, errorCode: failure.code, errorMessage: failure.message, known: true });
      respond(response, encodeError(service.protocol, failure, requestId, service));
    }
  }

  const server: Server = createServer({ keepAlive: true }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    world,
    calls,
    unanswered: () => calls.filter((call) => !call.known),
    invoke(signingName, operation, input, accountId = world.managementAccountId) {
      const service = router.service(signingName);
      const handler = service?.operations[operation];
      if (!handler) throw new Error(`the AWS double has no ${signingName} ${operation}`);
      const principal = accountId === world.managementAccountId ? managementPrincipal(accountId) : { accountId, arn: `arn:aws:iam::${accountId}:root` };
      return handler(input, callerContext(principal, world.region, nextRequestId()));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
