import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function MqttPage() {
  return (
    <>
      <PageHeader title="MQTT publisher" summary="Point values published to an MQTT broker as they change." />
      <EmptyState title="MQTT publisher not running">
        <p>
          The broker connection, the topic root and the topics published per IED and point will be shown here,
          with counts of messages sent and of messages dropped while the broker was away.
        </p>
        <p>The MQTT publisher is not part of this build yet.</p>
      </EmptyState>
    </>
  );
}
