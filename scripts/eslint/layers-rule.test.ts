import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript module used by eslint.config.js
import { checkImport } from './layers-rule.js';

const at = (path: string) => resolve(import.meta.dirname, '..', '..', path);

describe('the import rules', () => {
  it('keeps core pure', () => {
    expect(checkImport(at('src/core/loan/x.ts'), '../money/money')).toBeUndefined();
    expect(checkImport(at('src/core/loan/x.ts'), 'decimal.js')).toBeUndefined();
    expect(checkImport(at('src/core/loan/x.ts'), '../../infra/db/database')).toMatch(
      /core imports nothing outside core/,
    );
    expect(checkImport(at('src/core/loan/x.ts'), 'node:fs')).toMatch(/pure libraries/);
    expect(checkImport(at('src/core/loan/x.ts'), '../../contracts/common.schema')).toBeDefined();
  });

  it('keeps features off adapters and other features’ internals', () => {
    expect(checkImport(at('src/features/applications/x.ts'), '../../core/errors')).toBeUndefined();
    expect(checkImport(at('src/features/applications/x.ts'), '../accounts/request-context')).toBeUndefined();
    expect(checkImport(at('src/features/applications/x.ts'), '../accounts/session-store.port')).toMatch(
      /internals/,
    );
    expect(checkImport(at('src/features/applications/x.ts'), '../../infra/db/database')).toMatch(/not infra/);
    expect(checkImport(at('src/features/applications/x.ts'), 'kysely')).toMatch(/through a port/);
  });

  it('keeps the web app on contracts only', () => {
    expect(checkImport(at('web/src/app.tsx'), '../../src/contracts/applications.schema')).toBeUndefined();
    expect(checkImport(at('web/src/app.tsx'), '../../src/core/money/money')).toMatch(/web imports only/);
  });

  it('keeps contracts and infra in their place', () => {
    expect(checkImport(at('src/contracts/a.schema.ts'), 'fastify')).toMatch(/schema library/);
    expect(checkImport(at('src/infra/db/x.ts'), '../../http/build-app')).toMatch(/infra implements ports/);
  });
});
