import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Type from 'typebox';
import type { Config } from '../config';
import { AppError } from '../core/errors';
import { ErrorBody } from '../contracts/common.schema';
import { accountsRoutes } from '../features/accounts/accounts.routes';
import { applicationsRoutes } from '../features/applications/applications.routes';
import { securityRoutes } from '../features/security/security.routes';
import { workQueueRoutes } from '../features/applications/work-queue.routes';
import { ledgerRoutes } from '../features/ledger/ledger.routes';
import { identityRoutes } from '../features/identity/identity.routes';
import { riskRoutes } from '../features/risk/risk.routes';
import { contractsRoutes } from '../features/contracts/contracts.routes';
import { approvalsRoutes } from '../features/approvals/approvals.routes';
import { composeApprovalsDeps } from './compose-approvals';
import { trustRoutes } from '../features/trust/trust.routes';
import { runLedgerIntegrator } from '../features/ledger/run-ledger-integrator';
import type { Infrastructure } from '../infra/open-infrastructure';
import { createAccessHook } from './access-hook';
import {
  composeAccountsDeps,
  composeApplicationsDeps,
  composeIdentityDeps,
  composeLedgerDeps,
  composeRiskDeps,
  composeContractsDeps,
  composeTrustDeps,
  composeSecurityDeps,
} from './compose-deps';
import {
  assessingEnterprisesAfterScreening,
  assessingIndividualsAfterVerification,
  createRiskAutomation,
  type RiskAutomation,
} from './risk-automation';
import { registerDisbursement } from './compose-disbursement';
import { identityApplications, promotingVerifiedAfterScreening } from './identity-applications';
import { registerCollateral } from './compose-collateral';
import { registerGuarantors } from './compose-guarantors';
import { registerConditions } from './compose-conditions';
import { registerLegalHolds } from './compose-legal-holds';
import { registerOperations } from './compose-operations';
import { registerBenchScriptedInterview } from './bench-scripted-interview';
import { registerInterview } from './compose-interview';
import { registerInterviewMedia } from './compose-interview-media';
import { composePrivacyDeps, registerPersonalDataRetention } from './compose-privacy';
import { handleError } from './error-handler';
import { documentFrameworkErrors } from './framework-error-responses';
import { securityHeaders } from './security-headers';
import { createValidatorCompiler } from './validator-compiler';

export interface BuildAppOptions {
  config: Config;
  infra: Infrastructure;
  clock?: () => Date;
  /** Pino options or false; tests pass false. */
  logger?: FastifyServerOptions['logger'];
  /** Run the ledger's background integration on this app (default); tests that drive it by hand turn it off. */
  runsLedgerIntegrator?: boolean;
  /**
   * Run the daily reconciliation job on this app: by default, not in test mode, where it would store
   * reports a minute into a suite that compares the database before and after (tests run it by hand).
   */
  runsDailyReconciliation?: boolean;
}

/** Query strings can carry personal data (an upload's file name): logs get the path only. */
const pathOnly = (url: string) => url.split('?')[0];

/** Log options: request ids, path-only URLs, and no cookies, tokens or CSRF headers. */
export function loggerOptions(config: Pick<Config, 'logLevel'>) {
  return {
    level: config.logLevel,
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      'req.headers["x-csrf-token"]',
      'res.headers["set-cookie"]',
    ],
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: pathOnly(req.url),
        id: req.id,
      }),
    },
  };
}

/** One line of the route table: every route with its declared access, for audits and tests. */
export interface RouteEntry {
  method: string;
  url: string;
  access: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
    /** The background ledger integration, when this app runs it (tests call `tick()` to integrate now). */
    ledgerIntegrator?: { tick(): Promise<void>; stop(): Promise<void> };
    /** Risk assessments started by the system (tests await `idle()`). */
    riskAutomation: RiskAutomation;
  }
}

/** The composition root: adapters in, a ready Fastify app out. `server.ts` only listens. */
export async function buildApp({
  config,
  infra,
  clock = () => new Date(),
  logger,
  runsLedgerIntegrator = true,
  runsDailyReconciliation = config.mode !== 'test',
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config),
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 256 * 1024,
    return503OnClosing: true,
    // Bad URLs and unsupported media types found before routing get the same JSON errors.
    frameworkErrors: (error, request, reply) => handleError(error, request, reply),
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(createValidatorCompiler());
  app.setErrorHandler(handleError);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (_request, reply) => {
    void reply.headers(securityHeaders);
  });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', 'no-store');
  });

  const cookieName = config.cookieSecure ? '__Host-mq_session' : 'mq_session';
  const accountsDeps = composeAccountsDeps({ infra, config, clock });
  const ledgerDeps = composeLedgerDeps({ infra, config, clock });
  const riskDeps = composeRiskDeps({ infra, config, clock, ledger: ledgerDeps });
  const riskAutomation = createRiskAutomation({ deps: riskDeps, log: app.log });
  app.decorate('riskAutomation', riskAutomation);
  app.addHook('onClose', () => riskAutomation.idle());
  const plainApplicationsDeps = composeApplicationsDeps({ infra, config, clock, ledger: ledgerDeps });
  // After a submission passes screening: enterprises are assessed at once; an application whose
  // borrower is already verified moves on to identity_verified (and is assessed then).
  const promoteVerified = assessingIndividualsAfterVerification(
    identityApplications(plainApplicationsDeps),
    riskAutomation,
  ).promoteVerified;
  const applicationsDeps = {
    ...plainApplicationsDeps,
    applications: promotingVerifiedAfterScreening(
      assessingEnterprisesAfterScreening(plainApplicationsDeps.applications, riskAutomation),
      { verifiedIdentityOf: (id) => infra.identity.store.verifiedIdentityOf(id), promote: promoteVerified },
    ),
  };
  const plainIdentityDeps = composeIdentityDeps({
    infra,
    config,
    clock,
    ledger: ledgerDeps,
    applications: applicationsDeps,
  });
  const identityDeps = {
    ...plainIdentityDeps,
    applications: assessingIndividualsAfterVerification(plainIdentityDeps.applications, riskAutomation),
  };
  const securityDeps = composeSecurityDeps({
    infra,
    config,
    clock,
    listeningPort: () => {
      const address = app.server.address();
      return typeof address === 'object' && address !== null ? address.port : undefined;
    },
  });

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'mianqian API',
        version: '0.1.0',
        description: '面签 — online loan signing. Errors are always {"error":{"code","message"}}.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: cookieName },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // Swagger UI's own routes are public documentation.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, access: 'public' };
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, access: route.config?.access });
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  // Every route documents the errors the HTTP layer itself can answer (validation, access, size, type).
  app.addHook('onRoute', documentFrameworkErrors);
  app.addSchema(ErrorBody);

  app.addHook(
    'onRequest',
    createAccessHook({ deps: accountsDeps, cookieName, allowedOrigins: config.webauthnOrigins ?? [] }),
  );

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database check',
        response: { 200: Type.Object({ status: Type.Literal('ok') }), 503: ErrorBody },
      },
    },
    async (_request, reply) => {
      if (!(await infra.isHealthy()))
        throw new AppError('SERVICE_UNAVAILABLE', 'The database is not answering');
      return reply.send({ status: 'ok' as const });
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(accountsRoutes, {
    deps: accountsDeps,
    cookie: { name: cookieName, isSecure: config.cookieSecure },
  });
  await app.register(securityRoutes, {
    deps: securityDeps,
    cookie: { name: cookieName, isSecure: config.cookieSecure },
  });
  await app.register(applicationsRoutes, { deps: applicationsDeps });
  await app.register(workQueueRoutes, { deps: applicationsDeps });
  await app.register(ledgerRoutes, { deps: ledgerDeps });
  await app.register(identityRoutes, { deps: identityDeps });
  await app.register(riskRoutes, { deps: riskDeps });
  await app.register(trustRoutes, { deps: await composeTrustDeps({ infra, clock }) });
  const lending = { infra, config, clock, ledger: ledgerDeps, applications: applicationsDeps };
  await registerDisbursement(app, { ...lending, runsDailyReconciliation });
  await registerCollateral(app, lending);
  await registerGuarantors(app, lending);
  await registerConditions(app, lending);
  await registerLegalHolds(app, lending);
  await registerOperations(app, lending);
  const rooms = await registerInterview(app, lending);
  await registerInterviewMedia(app, { ...lending, rooms });
  registerPersonalDataRetention(app, { deps: composePrivacyDeps({ infra, config, clock }) });
  await registerBenchScriptedInterview(app, { config, applications: applicationsDeps });
  await app.register(contractsRoutes, {
    deps: composeContractsDeps({ infra, config, clock, ledger: ledgerDeps, applications: applicationsDeps }),
  });
  await app.register(approvalsRoutes, {
    deps: composeApprovalsDeps({ infra, config, clock, ledger: ledgerDeps, applications: applicationsDeps }),
  });
  if (runsLedgerIntegrator) {
    const integrator = runLedgerIntegrator(ledgerDeps, {
      intervalMs: config.ledgerIntegrateIntervalMs,
      onError: (e) => app.log.error({ err: e }, 'ledger integration failed'),
    });
    app.decorate('ledgerIntegrator', integrator);
    app.addHook('onClose', () => integrator.stop());
  }

  const indexHtml = join(config.webDistDir, 'index.html');
  const hasWeb = existsSync(indexHtml);
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: config.webDistDir,
      wildcard: false,
      index: false,
      serveDotFiles: false,
    });
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !hasWeb) {
      return reply.code(404).send({
        error: {
          code: 'ROUTE_NOT_FOUND',
          message: `No endpoint ${request.method} ${pathOnly(request.url)}`,
        },
      });
    }
    // The single-page app routes everything else in the browser.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
