import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../document/templates';
import { autoLayout, deploymentGeometry, logicalGeometry } from '.';
import { geometryProblems } from './check';

describe('autoLayout', () => {
  it('returns server and free-card positions the deployment geometry honours, breaking no rule', async () => {
    for (const template of [TEMPLATES[1]!, TEMPLATES[5]!]) {
      const result = await autoLayout(template.document, { mode: 'deployment', direction: 'RIGHT' });
      if (result.mode !== 'deployment') throw new Error('wrong mode');
      expect(Object.keys(result.deployment.servers ?? {}).sort()).toEqual(template.document.hosts.map((h) => h.id).sort());
      const doc = { ...template.document, view: { ...template.document.view, deployment: result.deployment } };
      const geometry = deploymentGeometry(doc);
      for (const server of geometry.servers) expect({ x: server.x, y: server.y }).toEqual(result.deployment.servers![server.hostId]);
      expect(geometryProblems(doc, geometry), template.id).toEqual([]);
    }
  });

  it('returns logical positions for every node', async () => {
    const template = TEMPLATES[3]!;
    const result = await autoLayout(template.document, { mode: 'logical', direction: 'DOWN' });
    if (result.mode !== 'logical') throw new Error('wrong mode');
    expect(Object.keys(result.positions).sort()).toEqual(template.document.nodes.map((n) => n.id).sort());
    const doc = { ...template.document, view: { positions: result.positions } };
    expect(geometryProblems(doc, logicalGeometry(doc))).toEqual([]);
  });
});
