import { describe, expect, it } from 'vitest';
import { TEMPLATES, emptyDocument, findTemplate, instantiateTemplate } from './templates';
import { serializeDocument } from './format';
import { parseDocumentText, validateDocument } from './validate';
import { isApplicationUnit } from './kinds';

describe('templates', () => {
  it('there are the seven canonical designs of SPEC §3, with distinct ids', () => {
    expect(TEMPLATES).toHaveLength(7);
    expect(new Set(TEMPLATES.map((t) => t.id)).size).toBe(7);
    expect(TEMPLATES.map((t) => t.expected)).toEqual([
      { distributed: false, cluster: false, microservices: false, monolith: true },
      { distributed: false, cluster: true, microservices: false, monolith: true },
      { distributed: true, cluster: false, microservices: false, monolith: false },
      { distributed: false, cluster: false, microservices: true, monolith: false },
      { distributed: true, cluster: false, microservices: true, monolith: false },
      { distributed: true, cluster: true, microservices: true, monolith: false },
      { distributed: true, cluster: true, microservices: false, monolith: false },
    ]);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s validates with no warnings', (_id, template) => {
    const result = validateDocument(template.document);
    expect(result.ok ? result.warnings : result.errors).toEqual([]);
    expect(result.ok && result.document).toEqual(template.document);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s round-trips through its file text', (_id, template) => {
    const text = serializeDocument(template.document);
    const again = parseDocumentText(text);
    expect(again.ok && again.document).toEqual(template.document);
    expect(again.ok && serializeDocument(again.document)).toBe(text);
  });

  it.each(TEMPLATES.map((t) => [t.id, t] as const))('%s places every node and gives every node a position', (_id, template) => {
    const positions = template.document.view?.positions ?? {};
    for (const node of template.document.nodes) {
      expect(positions[node.id], node.id).toBeDefined();
      if (node.kind !== 'client') for (const instance of node.instances ?? [{}]) expect(instance.host, node.id).toBeDefined();
    }
    expect(template.document.nodes.some((n) => isApplicationUnit(n.kind))).toBe(true);
  });

  it('instantiateTemplate returns a copy that can be changed without touching the template', () => {
    const template = findTemplate('monolith-cluster')!;
    const copy = instantiateTemplate(template);
    copy.nodes[0]!.name = 'changed';
    expect(template.document.nodes[0]!.name).toBe('Users');
    expect(findTemplate('nope')).toBeUndefined();
  });

  it('the empty document is valid', () => {
    const result = validateDocument(emptyDocument('New'));
    expect(result.ok && result.document.name).toBe('New');
  });
});
