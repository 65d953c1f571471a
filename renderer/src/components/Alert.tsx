import type { ReactNode } from 'react';

/** A message that needs attention: an error says what happened and what to do next. */
export function Alert({ kind = 'error', title, children, onDismiss }: { kind?: 'error' | 'warning' | 'info' | 'success'; title?: string; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <div className="alert-body">
        {title ? <strong>{title}</strong> : null}
        <div>{children}</div>
      </div>
      {onDismiss ? (
        <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss">
          ✕
        </button>
      ) : null}
    </div>
  );
}
