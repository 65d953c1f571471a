import { useState } from 'react';
import type { MqttSettings } from '../../../../core/contract';
import { Field } from '../../components/Field';
import { sparkplugIdProblem } from './sparkplug-ids';

type Sparkplug = NonNullable<MqttSettings['sparkplug']>;

/**
 * The Sparkplug B settings, shown when the payload is Sparkplug: the group id and the optional primary
 * host application whose STATE gates the births (docs/MQTT.md "Primary host"). A value that cannot be a
 * topic level is said inline and not taken.
 */
export function SparkplugFields({ sparkplug, editable, set }: { sparkplug: MqttSettings['sparkplug']; editable: boolean; set: (s: Sparkplug) => void }) {
  const [groupError, setGroupError] = useState<string | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  const current: Sparkplug = { groupId: 'RelayGate', ...sparkplug };
  return (
    <div className="form-row">
      <Field
        label="Sparkplug group id"
        key={`group-${current.groupId}`}
        defaultValue={current.groupId}
        disabled={!editable}
        error={groupError}
        onBlur={(e) => {
          const groupId = e.currentTarget.value.trim();
          const problem = sparkplugIdProblem(groupId, 'the group id');
          setGroupError(problem);
          if (problem === null) set({ ...current, groupId });
        }}
      />
      <Field
        label="Primary host id"
        key={`host-${current.primaryHostId ?? ''}`}
        defaultValue={current.primaryHostId ?? ''}
        disabled={!editable}
        error={hostError}
        hint="Optional: publish only while this host application's STATE says online"
        onBlur={(e) => {
          const id = e.currentTarget.value.trim();
          const problem = id === '' ? null : sparkplugIdProblem(id, 'the primary host id');
          setHostError(problem);
          if (problem !== null) return;
          const { primaryHostId: _old, ...rest } = current;
          set(id === '' ? rest : { ...rest, primaryHostId: id });
        }}
      />
    </div>
  );
}
