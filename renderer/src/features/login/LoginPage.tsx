import { useState } from 'react';
import { connectAfterLogin } from '../../api';
import { login } from '../../api/http';
import { Field } from '../../components/Field';
import { Logo } from '../../components/Icon';
import { sessionStore } from '../../stores';
import { errorText } from '../../error-text';

/** The login of `relaygate serve` beyond loopback: a password (or token) gives the operator or viewer role. */
export function LoginPage() {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="login">
      <form
        className="panel login-card"
        aria-label="Log in"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          login(password).then(
            () => {
              sessionStore.setState({ loginRequired: false });
              connectAfterLogin();
            },
            (err: unknown) => {
              setBusy(false);
              setError(errorText(err));
            },
          );
        }}
      >
        <Logo size={40} />
        <h1>RelayGate</h1>
        <p className="muted">This gateway asks for a password: the operator's to start, stop and edit, or the viewer's to watch.</p>
        <Field label="Password" type="password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus autoComplete="current-password" error={error} />
        <button type="submit" className="primary" disabled={busy || !password}>
          Log in
        </button>
      </form>
    </main>
  );
}
