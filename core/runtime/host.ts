import type { ModbusClients, MqttStatus, Project } from '../contract';
import type { SecretResolver } from '../project';
import { errorMessage } from '../shared';
import { Gateway, type RuntimeLogEntry } from './gateway';
import type { RuntimeOptions } from './options';
import type { PointSink } from './outputs';
import { StateFile, stateFilePath } from './state-file';

/** Command-line overrides of the project's endpoints for one run (CONVENTIONS.md `relaygate run`). */
export interface EndpointOverrides {
  readonly modbusBind?: string;
  readonly modbusPort?: number;
  /** A broker URL, or null to turn MQTT off for this run. */
  readonly mqttUrl?: string | null;
}

/** The project with the overrides applied; the project itself is not changed. */
export function applyOverrides(project: Project, o: EndpointOverrides): Project {
  return {
    ...project,
    modbus: {
      ...project.modbus,
      ...(o.modbusBind !== undefined ? { bind: o.modbusBind } : {}),
      ...(o.modbusPort !== undefined ? { port: o.modbusPort } : {}),
    },
    mqtt: {
      ...project.mqtt,
      ...(o.mqttUrl === null ? { enabled: false } : o.mqttUrl !== undefined ? { enabled: true, url: o.mqttUrl } : {}),
    },
  };
}

/** An output as the host runs it: its sink, and what the service shows about it. */
export interface HostedOutput {
  readonly sink: PointSink;
  /** Where it serves or publishes, for the endpoint table: `modbus tcp://127.0.0.1:1502`. */
  endpoint?(): string | null;
  modbusClients?(): ModbusClients;
  /** The MQTT publisher's connection, counters and last messages (docs/MQTT.md). */
  mqttStatus?(): MqttStatus;
  /** A few words for a live status line: `2 clients, 1234 requests`, `connected, 812 sent`. */
  summary?(): string;
}

/** What an output factory gets besides the project. */
export interface OutputContext {
  readonly secrets: SecretResolver;
  /** The project file (outputs keep their own state beside it); null when never saved. */
  readonly projectPath: string | null;
  readonly log: (entry: RuntimeLogEntry) => void;
}

/** Builds the outputs a project enables (projectOutputs: Modbus, MQTT); tests may pass their own. */
export type OutputFactory = (project: Project, ctx: OutputContext) => Promise<HostedOutput[]>;

export interface RuntimeHostOptions {
  /** The project file, for the state file beside it; null for a project that was never saved. */
  readonly projectPath: string | null;
  readonly secrets: SecretResolver;
  readonly overrides?: EndpointOverrides;
  readonly outputs?: OutputFactory;
  readonly runtimeOptions?: Partial<RuntimeOptions>;
  readonly log: (entry: RuntimeLogEntry) => void;
}

const NO_MODBUS: ModbusClients = {
  running: false,
  listening: null,
  clients: [],
  server: null,
  totals: { requests: 0, exceptions: 0 },
};

/**
 * A running gateway with its edges: the state file (BRCB EntryIDs) beside the project, the outputs the
 * project enables, and the runtime. The CLI's `run` and `demo` and the service's startRuntime use it.
 */
export class RuntimeHost {
  private constructor(
    readonly project: Project,
    readonly gateway: Gateway,
    private readonly outputs: readonly HostedOutput[],
    private readonly state: StateFile | undefined,
  ) {}

  static async start(project: Project, options: RuntimeHostOptions): Promise<RuntimeHost> {
    const effective = applyOverrides(project, options.overrides ?? {});
    const warn = (message: string): void => options.log({ level: 'warn', source: 'runtime', message });
    const state = options.projectPath ? await StateFile.open(stateFilePath(options.projectPath), warn) : undefined;
    state?.startAutosave(1000, warn);
    let outputs: HostedOutput[];
    try {
      outputs = (await options.outputs?.(effective, { secrets: options.secrets, projectPath: options.projectPath, log: options.log })) ?? [];
    } catch (err) {
      await state?.close().catch(() => undefined);
      throw err;
    }
    const gateway = new Gateway(effective, {
      secrets: options.secrets,
      outputs: outputs.map((o) => o.sink),
      ...(state ? { entryIds: state.entryIds } : {}),
      ...(options.runtimeOptions ? { options: options.runtimeOptions } : {}),
    });
    gateway.on('log', options.log);
    try {
      await gateway.start();
    } catch (err) {
      await gateway.stop().catch(() => undefined);
      for (const o of outputs) await o.sink.stop?.().catch(() => undefined);
      await state?.close().catch(() => undefined);
      throw new Error(`the gateway could not start: ${errorMessage(err)}`, { cause: err });
    }
    return new RuntimeHost(effective, gateway, outputs, state);
  }

  /** `name endpoint` lines of what serves or publishes. */
  endpoints(): { name: string; endpoint: string }[] {
    return this.outputs.flatMap((o) => {
      const e = o.endpoint?.();
      return e ? [{ name: o.sink.name, endpoint: e }] : [];
    });
  }

  /** `modbus: 2 clients, 1234 requests | mqtt: connected, 812 sent`. */
  summary(): string {
    return this.outputs.flatMap((o) => (o.summary ? [`${o.sink.name}: ${o.summary()}`] : [])).join(' | ');
  }

  modbusClients(): ModbusClients {
    for (const o of this.outputs) {
      const c = o.modbusClients?.();
      if (c) return c;
    }
    return NO_MODBUS;
  }

  /** The MQTT output's status; null when the project publishes no MQTT. */
  mqttStatus(): MqttStatus | null {
    for (const o of this.outputs) {
      const s = o.mqttStatus?.();
      if (s) return s;
    }
    return null;
  }

  /** Releases the RCBs, concludes the associations, stops the outputs, writes the state file. */
  async stop(): Promise<void> {
    await this.gateway.stop();
    await this.state?.close();
  }
}
