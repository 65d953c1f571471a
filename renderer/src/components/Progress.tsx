/** A labelled progress bar; without a total it shows activity only (indeterminate). */
export function Progress({ label, done, total, detail }: { label: string; done?: number; total?: number; detail?: string }) {
  const known = total !== undefined && total > 0 && done !== undefined;
  const pct = known ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        {detail ? <span className="muted">{detail}</span> : null}
      </div>
      <div
        className={`progress-track${pct === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={known ? total : undefined}
        aria-valuenow={known ? done : undefined}
        aria-valuetext={detail}
      >
        <div className="progress-fill" style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}
