/**
 * The Classification region: what the design is (labels with their evidence), why (the "Why?"
 * explainer teaches the definitions and counter-examples), and the findings. It classifies a
 * deferred copy of the document, so typing and dragging never wait for it; hovering or selecting
 * a finding highlights its nodes and hosts on the canvas.
 */
import { memo, useDeferredValue, useMemo, useState } from 'react';
import {
  LABELS,
  LABEL_EXPLANATIONS,
  LABEL_TITLES,
  RULE_TITLES,
  STATE_EXPLANATIONS,
  STATE_TOPIC_OF_RULE,
  classifyDesign,
  explainState,
  type Evidence,
  type Finding,
  type Label,
  type Severity,
  type StateTopic,
} from '../../shared/classification';
import { shareSessionsOf } from '../store/designActions';
import { useDocumentStore } from '../store/documentStore';
import { useHighlightButton } from './highlight';

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_TEXT: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Info' };
const SEVERITY_MARK: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

function EvidenceItem({ evidence, index }: { evidence: Evidence; index: number }) {
  const { active, handlers } = useHighlightButton(evidence, `evidence:${evidence.label}:${index}`);
  return (
    <li>
      <button type="button" className={`finding finding--evidence${active ? ' is-active' : ''}`} {...handlers}>
        {evidence.message}
      </button>
    </li>
  );
}

function FindingItem({ finding, index }: { finding: Finding; index: number }) {
  const { active, handlers } = useHighlightButton(finding, `finding:${finding.rule}:${index}`);
  const topic = STATE_TOPIC_OF_RULE[finding.rule];
  const [why, setWhy] = useState(false);
  return (
    <li className={topic ? 'finding-item--state' : undefined}>
      <button type="button" className={`finding finding--${finding.severity}${active ? ' is-active' : ''}`} {...handlers}>
        <span className="finding__mark" aria-hidden="true">
          {SEVERITY_MARK[finding.severity]}
        </span>
        <span className="finding__body">
          <span className="finding__title">
            <span className="visually-hidden">{SEVERITY_TEXT[finding.severity]}: </span>
            {RULE_TITLES[finding.rule]}
          </span>
          <span className="finding__message">{finding.message}</span>
        </span>
      </button>
      {topic && (
        <span className="finding__actions">
          <button type="button" className="badge__why" aria-expanded={why} aria-label={`Why? ${STATE_EXPLANATIONS[topic].title}`} onClick={() => setWhy(!why)}>
            Why?
          </button>
          {finding.rule === 'local-session-cluster' && finding.nodes[0] !== undefined && (
            <button type="button" className="finding__fix" aria-label={`Fix it: keep the sessions of ${finding.nodes[0]} in a shared store`} onClick={() => shareSessionsOf(finding.nodes[0]!)}>
              Fix it
            </button>
          )}
        </span>
      )}
      {topic && why && <StateExplainer topic={topic} node={finding.nodes[0]} />}
    </li>
  );
}

/** The topic's explainer; for a quorum it works r + w > n out on the finding's node. */
function StateExplainer({ topic, node }: { topic: StateTopic; node: string | undefined }) {
  const document = useDocumentStore((s) => s.document);
  const e = explainState(topic, document, node);
  return (
    <div className="explainer" role="note" aria-label={`Why: ${e.title}`}>
      <p>
        <strong>{e.title}.</strong> {e.breaks}
      </p>
      <p>
        <em>Why:</em> {e.why}
      </p>
      <ul>
        {e.fixes.map((f) => (
          <li key={f.fix}>
            {f.fix} <em>Cost:</em> {f.cost}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Explainer({ label }: { label: Label }) {
  const e = LABEL_EXPLANATIONS[label];
  return (
    <div className="explainer" role="note" aria-label={`Why: ${e.title}`}>
      <p>
        <strong>{e.title}.</strong> {e.definition}
      </p>
      <p>
        <em>Buys:</em> {e.buys}
      </p>
      <p>
        <em>Test:</em> {e.test}
      </p>
      <ul>
        {e.counterExamples.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </div>
  );
}

function ClassificationPanelImpl() {
  const document = useDocumentStore((s) => s.document);
  const deferred = useDeferredValue(document);
  const classification = useMemo(() => classifyDesign(deferred), [deferred]);
  const [why, setWhy] = useState<Label | null>(null);
  const stale = deferred !== document;
  return (
    <section className={`classification${stale ? ' is-stale' : ''}`} role="region" aria-label="Classification">
      <h2 className="panel-title">Classification</h2>
      <p className="classification__summary" aria-live="polite">
        {classification.summary}
      </p>
      <ul className="badges" aria-label="Labels">
        {LABELS.map((label) => {
          const on = classification.labels.includes(label);
          return (
            <li key={label} className={`badge badge--${label}${on ? ' is-on' : ''}`}>
              <span className="badge__mark" aria-hidden="true">
                {on ? '✔' : '–'}
              </span>
              <span>{LABEL_TITLES[label]}</span>
              <span className="visually-hidden">{on ? ': yes' : ': no'}</span>
              <button type="button" className="badge__why" aria-expanded={why === label} aria-label={`Why? ${LABEL_TITLES[label]}`} onClick={() => setWhy(why === label ? null : label)}>
                Why?
              </button>
            </li>
          );
        })}
      </ul>
      {why && <Explainer label={why} />}
      {classification.evidence.length > 0 && (
        <>
          <h3 className="classification__heading">Reasons</h3>
          <ul className="finding-list">
            {classification.evidence.map((e, i) => (
              <EvidenceItem key={`${e.label}-${i}`} evidence={e} index={i} />
            ))}
          </ul>
        </>
      )}
      <h3 className="classification__heading">
        Findings <span className="muted">({classification.findings.length})</span>
      </h3>
      {classification.findings.length === 0 ? (
        <p className="muted">No findings.</p>
      ) : (
        SEVERITY_ORDER.map((severity) => {
          const list = classification.findings.map((f, i) => ({ f, i })).filter(({ f }) => f.severity === severity);
          if (list.length === 0) return null;
          return (
            <ul key={severity} className="finding-list" aria-label={`${SEVERITY_TEXT[severity]} findings`}>
              {list.map(({ f, i }) => (
                <FindingItem key={`${f.rule}-${i}`} finding={f} index={i} />
              ))}
            </ul>
          );
        })
      )}
    </section>
  );
}

export const ClassificationPanel = memo(ClassificationPanelImpl);
