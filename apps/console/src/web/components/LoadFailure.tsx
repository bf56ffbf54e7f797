import { Component } from 'react';
import type { ReactNode } from 'react';

interface LoadFailureProps {
  readonly children: ReactNode;
}

/**
 * Pages come in their own files, fetched when first shown: if one cannot be fetched (the console was rebuilt
 * and restarted since this tab opened it, or the connection is gone) the page says so instead of going blank.
 */
export class LoadFailure extends Component<LoadFailureProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="problems">
        <p>This page could not be loaded. Reloading the console fetches it again.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
