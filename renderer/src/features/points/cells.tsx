import { useState } from 'react';

/**
 * A number cell of the mapping editor: committed on blur or Enter when it is a number in range;
 * otherwise it stays as typed, marked invalid with what is wrong, and the project is not changed.
 */
export function NumberCell({
  label,
  value,
  min,
  max,
  integer = false,
  step,
  placeholder,
  disabled,
  onCommit,
}: {
  label: string;
  value: number | undefined;
  min?: number;
  max?: number;
  integer?: boolean;
  step?: number | 'any';
  placeholder?: string;
  disabled?: boolean;
  /** Called with the new number, or null when the cell was emptied. */
  onCommit: (value: number | null) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const check = (text: string): number | null | string => {
    if (text.trim() === '') return null;
    const n = Number(text);
    if (!Number.isFinite(n)) return `${text} is not a number`;
    if (integer && !Number.isInteger(n)) return `${text} is not a whole number`;
    if (min !== undefined && n < min) return `${text} is below ${min}`;
    if (max !== undefined && n > max) return `${text} is above ${max}`;
    return n;
  };
  return (
    <input
      type="number"
      aria-label={label}
      key={String(value)}
      defaultValue={value ?? ''}
      min={min}
      max={max}
      step={step ?? (integer ? 1 : 'any')}
      placeholder={placeholder}
      disabled={disabled}
      aria-invalid={problem ? true : undefined}
      title={problem ?? undefined}
      className={problem ? 'invalid' : undefined}
      onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
      onBlur={(e) => {
        const v = check(e.currentTarget.value);
        if (typeof v === 'string') return setProblem(`${label}: ${v}`);
        setProblem(null);
        if (v !== (value ?? null)) onCommit(v);
      }}
    />
  );
}

/** A select cell over fixed options. */
export function SelectCell<T extends string>({ label, value, options, disabled, onChange }: { label: string; value: T; options: readonly (T | { value: T; label: string })[]; disabled?: boolean; onChange: (value: T) => void }) {
  return (
    <select aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as T)}>
      {options.map((o) => {
        const { value: v, label: text } = typeof o === 'string' ? { value: o, label: o } : o;
        return (
          <option key={v} value={v}>
            {text}
          </option>
        );
      })}
    </select>
  );
}
