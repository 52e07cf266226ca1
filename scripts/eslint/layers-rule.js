// ESLint rule `mianqian/layers`: who may import whom (../shared/guide/conventions.md, docs/architecture.md).
import { dirname, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

/** The layer of a file inside the repository, e.g. { layer: 'features', feature: 'accounts' }. */
function layerOf(file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'web') return { layer: 'web' };
  if (rel[0] !== 'src') return { layer: 'other' };
  if (rel.length === 2) return { layer: rel[1] === 'config.ts' ? 'config' : 'src-root' };
  if (rel[1] === 'features') return { layer: 'features', feature: rel[2], file: rel.at(-1) };
  return { layer: rel[1] };
}

/** Packages with I/O that only adapters (infra) and the composition root may touch. */
const IO_PACKAGES = [
  'kysely',
  'pg',
  '@electric-sql/pglite',
  'ioredis',
  '@node-rs/argon2',
  'node:fs',
  'node:fs/promises',
  'node:net',
  'node:child_process',
];
/**
 * The only packages core may use: small and pure. node:crypto is here for its hash functions and
 * Ed25519 (deterministic computation, no I/O; decision 0005), never for randomness.
 */
const CORE_PACKAGES = ['decimal.js', 'node:crypto'];

function isPackage(spec, names) {
  return names.some((n) => spec === n || spec.startsWith(`${n}/`));
}

function check(fromFile, spec) {
  const from = layerOf(fromFile);
  if (!spec.startsWith('.')) {
    if (/\.test\.tsx?$/.test(fromFile)) return undefined; // tests may use test libraries anywhere
    if (from.layer === 'core' && !isPackage(spec, CORE_PACKAGES))
      return `core imports only pure libraries (${CORE_PACKAGES.join(', ')}), not "${spec}"`;
    if (from.layer === 'contracts' && spec !== 'typebox')
      return `contracts import only the schema library, not "${spec}"`;
    if (from.layer === 'features' && isPackage(spec, IO_PACKAGES))
      return `features reach "${spec}" only through a port implemented in infra`;
    return undefined;
  }
  const to = layerOf(resolve(dirname(fromFile), spec));
  switch (from.layer) {
    case 'core':
      return to.layer === 'core' ? undefined : `core imports nothing outside core (found ${to.layer})`;
    case 'contracts':
      return to.layer === 'contracts' ? undefined : `contracts import only contracts (found ${to.layer})`;
    case 'features':
      if (to.layer === 'core' || to.layer === 'contracts') return undefined;
      if (to.layer !== 'features') return `features import core, contracts and features, not ${to.layer}`;
      if (to.feature !== from.feature && /(\.port|\.routes|-deps)\.ts$|(\.port|\.routes|-deps)$/.test(spec))
        return `a feature calls another feature's use cases, not its internals (${spec})`;
      return undefined;
    case 'infra':
      return ['http', 'cli'].includes(to.layer)
        ? `infra implements ports; it does not import ${to.layer}`
        : undefined;
    case 'http':
      return to.layer === 'cli' ? 'http does not import cli' : undefined;
    case 'web':
      return to.layer === 'web' || to.layer === 'contracts'
        ? undefined
        : `web imports only its own code and src/contracts (found ${to.layer})`;
    default:
      return undefined;
  }
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Enforce the import rules between core, contracts, features, infra, http, cli and web',
    },
    schema: [],
  },
  create(context) {
    const report = (node, spec) => {
      if (typeof spec !== 'string') return;
      const problem = check(context.filename, spec);
      if (problem) context.report({ node, message: problem });
    };
    return {
      ImportDeclaration: (node) => report(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && report(node, node.source.value),
      ExportAllDeclaration: (node) => report(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && report(node, node.source.value),
    };
  },
};

export { check as checkImport };
