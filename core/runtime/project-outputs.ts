import type { OutputFactory } from './host';
import { modbusOutput } from './output-modbus';
import { mqttOutput } from './output-mqtt';

/**
 * The outputs a project enables: the Modbus TCP server when Modbus is on and points are mapped, the MQTT
 * publisher (and the embedded broker it asks for) when MQTT is on. If one fails to start, the ones
 * started are stopped again and the error says which.
 */
export const projectOutputs: OutputFactory = async (project, ctx) => {
  const started = [];
  try {
    if (project.modbus.enabled && project.points.some((p) => p.modbus)) started.push(await modbusOutput(project));
    if (project.mqtt.enabled) started.push(await mqttOutput(project, ctx));
    return started;
  } catch (err) {
    for (const o of started) await o.sink.stop?.().catch(() => undefined);
    throw err;
  }
};
