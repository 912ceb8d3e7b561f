/**
 * The architecture classifier (SPEC §3): `classifyDesign(doc)` says whether a design is
 * distributed, a cluster, microservices and/or a monolith, with the evidence for each label and
 * findings (single points of failure, shared databases, synchronous cycles, …).
 */
export * from './types';
export { classifyDesign, classificationJson, NO_UNITS_SUMMARY, NO_LABEL_SUMMARY, type ClassificationJson } from './classify';
export { LABEL_EXPLANATIONS, STATE_EXPLANATIONS, explainState, STATE_TOPICS, STATE_TOPIC_OF_RULE, type LabelExplanation, type StateExplanation, type StateTopic } from './explanations';
export { RULE_TITLES, RULE_SEVERITIES } from './rules';
