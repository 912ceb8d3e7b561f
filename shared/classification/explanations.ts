/**
 * What each label means, in plain words, for the app's "Why?" explainer and the CLI's help:
 * the definition, what it buys, the test to apply, and the counter-examples people trip on.
 */
import type { Label } from './types';

export interface LabelExplanation {
  readonly title: string;
  /** One or two sentences: what the label means. */
  readonly definition: string;
  /** What the architecture buys. */
  readonly buys: string;
  /** The quick test to tell it apart. */
  readonly test: string;
  /** Designs that look like it but are not — or are something else as well. */
  readonly counterExamples: readonly string[];
}

export const LABEL_EXPLANATIONS: Readonly<Record<Label, LabelExplanation>> = {
  distributed: {
    title: 'Distributed system',
    definition:
      'Different modules run on different servers and work together over the network to do one job.',
    buys: 'Performance — one job is split, so each request can finish sooner — and room to grow each part.',
    test: 'Do the servers run different things? Then it is distributed.',
    counterExamples: [
      'Microservices all on one server are not distributed: the code is split, but one machine runs it all.',
      'A monolith copied onto three servers is a cluster, not a distributed system: every server runs the same thing.',
      'A monolith with its database on another server is not distributed either: only data moved, not application modules.',
      'Web, logic and data-access layers on separate servers are distributed — though not microservices.',
    ],
  },
  cluster: {
    title: 'Server cluster',
    definition: 'The same module runs on several servers, with load balancing spreading the requests over the copies.',
    buys: 'Throughput — more requests per second — and availability: when one server dies, the others take over.',
    test: 'Do the servers run the same thing? Then it is a cluster.',
    counterExamples: [
      'Several instances on one server are a replica set, not a cluster: that server still takes them all down with it.',
      'A monolith copied onto three servers is a cluster, not a distributed system.',
      'Split into modules and then copy each module onto several servers: distributed and a cluster at once.',
    ],
  },
  microservices: {
    title: 'Microservices',
    definition:
      'The application is split by business capability — orders, users, payments — into small services that are deployed independently, each owning its capabilities alone.',
    buys: 'Lower coupling, independent teams and independent deployments.',
    test: 'Does the split follow the business rather than technical layers? Then it is microservices.',
    counterExamples: [
      'Web, logic and data-access layers on several servers are distributed but not microservices: the split follows technical layers.',
      'Microservices all on one server are still microservices, but not distributed.',
      'Two services that own the same capability, or a monolith left beside the services, are a partial decomposition, not microservices.',
      'Split by business and then cluster each service: microservices, distributed and a cluster at once.',
    ],
  },
  monolith: {
    title: 'Monolith',
    definition: 'One deployable unit holds every module of the application.',
    buys: 'Simplicity: one thing to build, deploy and reason about.',
    test: 'Is there exactly one application unit? Then it is a monolith.',
    counterExamples: [
      'A monolith copied onto several servers is still a monolith — and also a cluster, but not distributed.',
      'A monolith with its database or cache on another server is still a monolith, not a distributed system.',
    ],
  },
};
