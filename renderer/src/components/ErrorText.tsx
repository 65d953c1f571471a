/** A failed call's message in a toolbar, announced to screen readers; nothing when there is none. */
export function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <span className="error-text" role="alert">
      {error}
    </span>
  ) : null;
}
