import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyDesign } from '../classification';
import type { TopologyDocument } from '../document';
import { importKubernetes, looksLikeKubernetes, type ManifestFile } from './kubernetes';

const fixtures = join(__dirname, '../../tests/fixtures/kubernetes');
const file = (name: string): ManifestFile => ({ name, text: readFileSync(join(fixtures, name), 'utf8') });

function load(...names: string[]) {
  const result = importKubernetes(names.map(file));
  if ('errors' in result) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return result;
}
const summary = (doc: TopologyDocument) =>
  doc.nodes.map((n) => (n.kind === 'client' ? `${n.id} client` : `${n.id} ${n.kind} ×${n.instances!.length}`));
const edges = (doc: TopologyDocument) => doc.edges.map((e) => `${e.from}->${e.to}`);

describe('importKubernetes', () => {
  it('the guestbook: Services select Deployments, a LoadBalancer is the entry point, env values name the callees', () => {
    const { document } = load('guestbook.yaml');
    expect(summary(document)).toEqual(['users client', 'redis-leader cache ×1', 'redis-follower service ×2', 'frontend service ×3']);
    expect(edges(document)).toEqual(['users->frontend', 'frontend->redis-leader', 'frontend->redis-follower']);
    expect(document.hosts.map((h) => h.id)).toEqual(['k8s-node-1', 'k8s-node-2', 'k8s-node-3']);
    expect(document.nodes.find((n) => n.id === 'frontend')!.instances!.map((i) => i.host)).toEqual(['k8s-node-1', 'k8s-node-2', 'k8s-node-3']);
    expect(classifyDesign(document).cluster).toBe(true);
  });

  it('a Helm-rendered microservices demo over two files: versions behind one Service, StatefulSet, Ingress, load generator, zones', () => {
    const { document, report } = load('shop/services.yaml', 'shop/data.yaml');
    expect(document.name).toBe('shop');
    expect(summary(document)).toEqual([
      'users client',
      'frontend service ×2',
      'productcatalogservice service ×3',
      'cartservice service ×1',
      'checkoutservice service ×1',
      'redis-cart cache ×1',
      'orders-db database ×3',
      'loadgenerator client',
    ]);
    expect(edges(document)).toEqual([
      'users->frontend',
      'frontend->productcatalogservice',
      'frontend->cartservice',
      'frontend->checkoutservice',
      'cartservice->redis-cart',
      'checkoutservice->productcatalogservice',
      'checkoutservice->orders-db',
      'loadgenerator->frontend',
    ]);
    expect(document.hosts.map((h) => h.zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(report).toEqual(
      expect.arrayContaining([
        'productcatalogservice: 3 workloads behind one Service (productcatalogservice-v1, productcatalogservice-v2, productcatalogservice-v3): one node with all their instances',
        'loadgenerator: calls only entry points and no Service selects it: imported as a client (a load generator)',
        'ConfigMap (shop-config): not imported',
        'shop/services.yaml: Deployment/redis-cart: volumes: not imported',
      ]),
    );
    const c = classifyDesign(document);
    expect(c.microservices && c.distributed && c.cluster).toBe(true);
  });

  it('tells manifests from compose files by content', () => {
    expect(looksLikeKubernetes(file('guestbook.yaml').text)).toBe(true);
    expect(looksLikeKubernetes('services:\n  web:\n    image: nginx\n')).toBe(false);
  });

  it('answers bad input with one located line: YAML errors, nothing that runs, too many replicas', () => {
    const errors = (text: string) => {
      const result = importKubernetes([{ name: 'm.yaml', text }]);
      return 'errors' in result ? result.errors : [];
    };
    expect(errors('apiVersion: v1\nkind: Service\nmetadata: {name: [x\n')[0]!.path).toMatch(/^m\.yaml: line \d+, column \d+$/);
    expect(errors('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n')[0]!.message).toMatch(/nothing runs/);
    expect(errors('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 100000000\n')[0]).toEqual({
      path: 'm.yaml: Deployment/d: spec.replicas',
      message: '100,000,000 replicas is more than the 10,000 instances a node may have',
    });
  });

  it('takes objects named __proto__ or constructor as names', () => {
    const text = [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: __proto__}\nspec:\n  template:\n    metadata: {labels: {app: constructor}}\n    spec:\n      containers: [{name: c, image: redis}]',
      'apiVersion: v1\nkind: Service\nmetadata: {name: constructor}\nspec:\n  type: NodePort\n  selector: {app: constructor}',
    ].join('\n---\n');
    const result = importKubernetes([{ name: 'm.yaml', text }]);
    if ('errors' in result) throw new Error(JSON.stringify(result.errors));
    expect(summary(result.document)).toEqual(['users client', 'constructor cache ×1']);
  });
});
