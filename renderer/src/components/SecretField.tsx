import { useState } from 'react';
import type { SecretRef } from '../../../core/contract';
import { api } from '../api';
import { useSession } from '../stores';
import { Field } from './Field';
import { errorText } from '../error-text';

/**
 * A secret of the project (a password), never shown back: headless it is the name of an environment
 * variable; on the desktop the typed secret is stored encrypted (safeStorage) and the field only says so.
 */
export function SecretField({ label, value, onChange, disabled }: { label: string; value: SecretRef | undefined; onChange: (ref: SecretRef | undefined) => void; disabled?: boolean }) {
  const encrypted = useSession((s) => s.session?.encryptedSecrets ?? false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!encrypted) {
    return (
      <Field
        label={`${label}: environment variable`}
        defaultValue={value && 'env' in value ? value.env : ''}
        placeholder="e.g. MQTT_PASSWORD"
        disabled={disabled}
        hint={value && 'encrypted' in value ? 'Stored encrypted by the desktop app: it cannot be read here; give a variable instead' : 'The secret itself never goes in the project or to the browser'}
        onBlur={(e) => {
          const name = e.currentTarget.value.trim();
          if (name === '') onChange(undefined);
          else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) onChange({ env: name });
        }}
      />
    );
  }
  return (
    <Field
      label={label}
      type="password"
      value={typed}
      placeholder={value ? '•••••••• (stored encrypted)' : 'none'}
      disabled={disabled}
      error={error}
      hint="Type to replace it; it is stored encrypted and never shown again"
      onChange={(e) => setTyped(e.currentTarget.value)}
      onBlur={() => {
        if (!typed) return;
        api.protectSecret({ plain: typed }).then(
          (ref) => {
            setTyped('');
            setError(null);
            onChange(ref);
          },
          (err: unknown) => setError(errorText(err)),
        );
      }}
    />
  );
}
