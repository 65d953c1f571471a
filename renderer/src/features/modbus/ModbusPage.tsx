import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

export function ModbusPage() {
  return (
    <>
      <PageHeader
        title="Modbus TCP server"
        summary="The read-only Modbus image the points are published into."
      />
      <EmptyState title="Modbus server not running">
        <p>
          The register map will be shown here: each point&apos;s area (coil, discrete input, input or holding
          register), its 0-based offset and Modicon address, type, word order and scaling, with the
          server&apos;s bind address and connected clients.
        </p>
        <p>The Modbus server is not part of this build yet.</p>
      </EmptyState>
    </>
  );
}
