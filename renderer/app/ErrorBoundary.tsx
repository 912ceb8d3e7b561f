/**
 * The app never white-screens: a render error in a region is reported in place, with the message
 * and a way to retry, while the document (in the store) stays intact and can still be saved.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { serializeDocument } from '../../shared/document';
import { useDocumentStore } from '../store/documentStore';

interface Props {
  readonly region: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.region}]`, error, info.componentStack);
  }

  private download = () => {
    const text = serializeDocument(useDocumentStore.getState().document);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'recovered-design.topo';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-boundary" role="alert">
        <strong>The {this.props.region} hit a problem.</strong>
        <p>{this.state.error.message}</p>
        <p className="muted">Your design is safe. You can retry, or download a copy of it.</p>
        <div className="error-boundary__actions">
          <button type="button" className="button" onClick={() => this.setState({ error: null })}>
            Retry
          </button>
          <button type="button" className="button" onClick={this.download}>
            Download the design
          </button>
        </div>
      </div>
    );
  }
}
