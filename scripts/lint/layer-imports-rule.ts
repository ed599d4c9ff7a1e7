import { dirname, relative, resolve } from 'node:path';
import type { Rule } from 'eslint';
import { forbiddenPackage, layerOf, mayImport } from './layers.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** Enforces DESIGN.md's import table on every import, export-from and dynamic import. */
export const layerImportsRule: Rule.RuleModule = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce DESIGN.md's table of which folder may import which" },
    schema: [],
    messages: {
      layer: '{{from}} may not import from {{to}} (DESIGN.md, Layout).',
      pkg: '{{from}} may not import "{{specifier}}": {{why}}.',
    },
  },
  create(context) {
    const file = relative(root, context.filename).split('\\').join('/');
    const from = layerOf(file);
    if (from === undefined) return {};
    // Tests and the fixtures they run (fixtures/*) may use other areas' test helpers.
    const isTest = /\.test\.tsx?$/.test(file) || /\/fixtures\//.test(file);
    const check = (node: Rule.Node, specifier: unknown) => {
      if (typeof specifier !== 'string') return;
      if (!specifier.startsWith('.')) {
        const why = forbiddenPackage(from, specifier, isTest);
        if (why) context.report({ node, messageId: 'pkg', data: { from, specifier, why } });
        return;
      }
      const target = relative(root, resolve(dirname(context.filename), specifier)).split('\\').join('/');
      const to = layerOf(target.endsWith('/') ? target : `${target}/x`) ?? layerOf(target);
      if (to === undefined && !target.startsWith('..')) return;
      // A test may use another area's test fixtures (test-*.ts); production code may not.
      if (isTest && /(^|\/)test-[^/]*\.ts$/.test(target) && to !== 'main') return;
      if (to === undefined || !mayImport(from, to)) {
        context.report({ node, messageId: 'layer', data: { from, to: to ?? target } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
