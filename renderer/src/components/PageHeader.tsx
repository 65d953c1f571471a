import type { ReactNode } from 'react';

export function PageHeader({
  title,
  summary,
  actions,
}: {
  title: string;
  summary: string;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        <p>{summary}</p>
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
