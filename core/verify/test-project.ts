import { ProjectSchema, type Project } from '../contract';
import type { ServedIeds } from './serve-ieds';

export interface Endpoints {
  /** The broker the gateway publishes to for the check; null: MQTT off for the check. */
  readonly mqttUrl: string | null;
  /** Serve Modbus for the check (on a free port of 127.0.0.1). */
  readonly modbus: boolean;
}

/**
 * The project as the check runs it, never touching its real addresses: each served IED at its simulator
 * on 127.0.0.1 (no password: the simulator asks none), every other IED disabled, the Modbus server on a
 * free port of 127.0.0.1 for anyone on this machine, MQTT to the check's broker without the project's
 * credentials, under the check's own client id. Points, map and topics are the project's.
 */
export function testProject(project: Project, served: ServedIeds, endpoints: Endpoints): Project {
  return ProjectSchema.parse({
    ...project,
    ieds: project.ieds.map((ied) => {
      const sim = served.sims.get(ied.id);
      const { password: _password, ...rest } = ied;
      return sim ? { ...rest, host: '127.0.0.1', port: sim.port } : { ...rest, enabled: false };
    }),
    modbus: { ...project.modbus, enabled: project.modbus.enabled && endpoints.modbus, bind: '127.0.0.1', port: 0, allowList: [] },
    mqtt: {
      enabled: project.mqtt.enabled && endpoints.mqttUrl !== null,
      url: endpoints.mqttUrl ?? project.mqtt.url,
      instanceId: 'verify',
      topicRoot: project.mqtt.topicRoot,
      qos: project.mqtt.qos,
      retain: project.mqtt.retain,
      payload: project.mqtt.payload,
      ...(project.mqtt.sparkplug ? { sparkplug: project.mqtt.sparkplug } : {}),
    },
  });
}
