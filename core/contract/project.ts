import { z } from 'zod';

/**
 * The project file (CONVENTIONS.md "Project file"), declared once. The UI edits it, the runtime runs it,
 * the CLI writes it (`init`) and reads it (`run`, `modbus-map`, `verify`, `report`). core/project adds
 * what a schema cannot say on its own: cross-references, Modbus overlaps, migration of older files.
 *
 * Every object is strict: an unknown key is a mistake (a typo in a hand-edited file), not data to keep.
 */
export const PROJECT_SCHEMA_VERSION = 1;

/** A short id used in topics, the Modbus map and diagnostics: letters, digits, `_` and `-`. */
export const ProjectIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]*$/, 'letters, digits, _ and - only, not starting with -');

/**
 * A secret is never stored in plain text. Headless, the file names an environment variable; on the
 * desktop, Electron safeStorage encrypts it and the file keeps the ciphertext (base64).
 */
export const SecretRefSchema = z.union([
  z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name') }).strict(),
  z.object({ encrypted: z.string().min(1).max(8192) }).strict(),
]);
export type SecretRef = z.infer<typeof SecretRefSchema>;

const HexSelector = z.string().regex(/^([0-9A-Fa-f]{2})+$/, 'hex octets, e.g. 0001');

/** ISO selectors and ACSE naming; anything left out takes the CONVENTIONS.md default. */
export const SelectorsSchema = z
  .object({
    tsel: HexSelector.optional(),
    ssel: HexSelector.optional(),
    psel: HexSelector.optional(),
    apTitle: z.string().regex(/^\d+(\.\d+)+$/, 'a dotted object identifier, e.g. 1.1.1.999.1').optional(),
    aeQualifier: z.number().int().optional(),
    callingApTitle: z.string().regex(/^\d+(\.\d+)+$/).optional(),
    callingAeQualifier: z.number().int().optional(),
  })
  .strict();
export type Selectors = z.infer<typeof SelectorsSchema>;

export const FcSchema = z.enum(['ST', 'MX', 'SP', 'SV', 'CF', 'DC', 'SG', 'SE', 'SR', 'OR', 'BL', 'EX', 'CO', 'US', 'MS', 'RP', 'LG', 'BR', 'GO', 'GS', 'SC', 'NV', 'XX']);

export const TypeNameSchema = z.enum([
  'boolean', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'float32', 'float64', 'dbpos',
  'enum', 'quality', 'timestamp', 'bitstring', 'octetstring', 'visiblestring', 'unicodestring', 'struct', 'array',
]);

export const PollGroupSchema = z
  .object({
    id: ProjectIdSchema,
    /** Default 1000 ms (CONVENTIONS.md). */
    periodMs: z.number().int().min(50).max(3_600_000),
  })
  .strict();
export type PollGroup = z.infer<typeof PollGroupSchema>;

/** How the gateway uses one ReportControl of the IED. */
export const ReportPlanSchema = z
  .object({
    id: ProjectIdSchema,
    /** `LD/LN.name` of the RCB; an indexed base name (`…LLN0.urcbA`) takes the first free instance. */
    rcb: z.string().min(3).max(256),
    buffered: z.boolean(),
    /** `LD/LN.DataSet` the RCB reports, as planned; checked against the IED at each connect. */
    dataSet: z.string().min(3).max(256),
    /** ConfRev the plan was made for; a different one means the IED was re-engineered. */
    confRev: z.number().int().nonnegative().optional(),
    trgOps: z
      .array(z.enum(['dchg', 'qchg', 'dupd', 'integrity', 'gi']))
      .default(['dchg', 'qchg', 'integrity', 'gi']),
    /** Integrity period written to IntgPd; 0 leaves the IED's value. */
    integrityMs: z.number().int().min(0).max(86_400_000).default(60_000),
    /** BufTm written to the RCB; absent leaves the IED's value. */
    bufTimeMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .strict();
export type ReportPlan = z.infer<typeof ReportPlanSchema>;

export const IedConfigSchema = z
  .object({
    id: ProjectIdSchema,
    /** The IED's name in SCL or as discovered; shown in the UI and the FAT report. */
    name: z.string().max(256).optional(),
    enabled: z.boolean().default(true),
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).default(102),
    password: SecretRefSchema.optional(),
    selectors: SelectorsSchema.optional(),
    connectTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
    requestTimeoutMs: z.number().int().min(100).max(120_000).default(5000),
    /** Where the model came from, for the simulator (`verify`) and re-planning. Paths are relative to the project file. */
    origin: z
      .union([
        z.object({ scl: z.string().min(1), ied: z.string().min(1) }).strict(),
        z.object({ model: z.string().min(1) }).strict(),
        z.object({ discovered: z.string() }).strict(),
      ])
      .optional(),
    pollGroups: z.array(PollGroupSchema).default([{ id: 'default', periodMs: 1000 }]),
    reports: z.array(ReportPlanSchema).default([]),
  })
  .strict();
export type IedConfig = z.infer<typeof IedConfigSchema>;

export const ModbusAreaSchema = z.enum(['coil', 'discrete', 'input', 'holding']);
export type ModbusArea = z.infer<typeof ModbusAreaSchema>;

export const ModbusTypeSchema = z.enum(['bool', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64', 'dbpos', 'enum']);
export type ModbusType = z.infer<typeof ModbusTypeSchema>;

export const WordOrderSchema = z.enum(['ABCD', 'CDAB', 'BADC', 'DCBA']);
export type WordOrder = z.infer<typeof WordOrderSchema>;

export const COMPANION_KINDS = ['quality', 'status', 'timestamp', 'age', 'sequence'] as const;
export const CompanionKindSchema = z.enum(COMPANION_KINDS);
export type CompanionKind = z.infer<typeof CompanionKindSchema>;

/** One register (or three, for `timestamp`) placed by the map in a register area. */
export const RegisterPlaceSchema = z
  .object({
    area: z.enum(['input', 'holding']),
    address: z.number().int().min(0).max(65535),
  })
  .strict();
export type RegisterPlace = z.infer<typeof RegisterPlaceSchema>;

export const ModbusPointSchema = z
  .object({
    area: ModbusAreaSchema,
    /** 0-based protocol offset in the area; the UI and CSV also show the Modicon form. */
    address: z.number().int().min(0).max(65535),
    type: ModbusTypeSchema,
    wordOrder: WordOrderSchema.default('ABCD'),
    gain: z.number().finite().default(1),
    offset: z.number().finite().default(0),
    companions: z.partialRecord(CompanionKindSchema, RegisterPlaceSchema).default({}),
  })
  .strict();
export type ModbusPoint = z.infer<typeof ModbusPointSchema>;

export const DeadbandSchema = z
  .object({ kind: z.enum(['absolute', 'percent']), value: z.number().finite().nonnegative() })
  .strict();
export type Deadband = z.infer<typeof DeadbandSchema>;

export const PointConfigSchema = z
  .object({
    /** Unique within its IED; the MQTT topic segment and the CSV `point` column. */
    id: ProjectIdSchema,
    ied: ProjectIdSchema,
    /** IEC 61850-7-2 reference of the leaf: `LD/LN.DO[.SDO].DA[.BDA]`. Quality and time come from its FCD. */
    ref: z.string().min(3).max(512),
    fc: FcSchema,
    type: TypeNameSchema,
    label: z.string().max(256).optional(),
    source: z.enum(['report', 'poll']),
    /** ReportPlan id when source is report; its points are polled while the RCB cannot be used. */
    report: ProjectIdSchema.optional(),
    /** PollGroup id; default `default`. Also the fallback group of report points. */
    pollGroup: ProjectIdSchema.optional(),
    /** Default max(3 s, 3 × the expected update period) (CONVENTIONS.md). */
    staleTimeoutMs: z.number().int().min(100).max(86_400_000).optional(),
    deadband: DeadbandSchema.optional(),
    /** SCL EnumVal names by ordinal, kept so outputs can show `closed`, `test/blocked` without the SCL. */
    enumNames: z.record(z.string(), z.string()).optional(),
    modbus: ModbusPointSchema.optional(),
    /**
     * Absent means published. `topic` replaces the `{ied}/{point}` part of the point's topics
     * (`{root}/{topic}/value` and `/state`); it may have several levels (`bay1/cb/pos`).
     */
    mqtt: z
      .object({ enabled: z.boolean().default(true), topic: z.string().min(1).max(256).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type PointConfig = z.infer<typeof PointConfigSchema>;

export const BadValuePolicySchema = z.union([
  z.object({ mode: z.literal('hold') }).strict(),
  z.object({ mode: z.literal('substitute'), value: z.number().finite() }).strict(),
]);
export type BadValuePolicy = z.infer<typeof BadValuePolicySchema>;

export const ModbusSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    bind: z.string().min(1).default('0.0.0.0'),
    port: z.number().int().min(0).max(65535).default(502),
    unitId: z.number().int().min(0).max(255).default(1),
    checkUnitId: z.boolean().default(true),
    /** Client IP addresses allowed to connect; empty allows all. */
    allowList: z.array(z.string().min(1)).default([]),
    maxConnections: z.number().int().min(1).max(10_000).default(32),
    /** Unmapped registers inside a request read as 0 instead of exception 02. */
    fillGaps: z.boolean().default(false),
    badValuePolicy: BadValuePolicySchema.default({ mode: 'hold' }),
  })
  .strict();
export type ModbusSettings = z.infer<typeof ModbusSettingsSchema>;

export const MqttSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** mqtt://, mqtts://, ws:// or wss://. */
    url: z.string().regex(/^(mqtts?|wss?):\/\//, 'an mqtt://, mqtts://, ws:// or wss:// URL').default('mqtt://127.0.0.1:1883'),
    /** Goes into the client id and the Sparkplug edge node id; default the host name. */
    instanceId: z.string().min(1).max(128).optional(),
    clientId: z.string().min(1).max(128).optional(),
    topicRoot: z.string().min(1).max(256).default('relaygate'),
    qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    retain: z.boolean().default(true),
    username: z.string().max(256).optional(),
    password: SecretRefSchema.optional(),
    /** Each of ca, cert and key is either PEM text or a path to a PEM file (relative to the project file). */
    tls: z
      .object({
        ca: z.string().optional(),
        cert: z.string().optional(),
        key: z.string().optional(),
        rejectUnauthorized: z.boolean().default(true),
      })
      .strict()
      .optional(),
    republishSeconds: z.number().int().min(0).max(86_400).default(0),
    payload: z.enum(['json', 'sparkplug']).default('json'),
    sparkplug: z
      .object({
        groupId: z.string().min(1).max(128).default('RelayGate'),
        /**
         * The Sparkplug 3.0 primary host application's id: the edge node publishes nothing until the
         * retained `spBv1.0/STATE/{primaryHostId}` says it is online (docs/MQTT.md "Primary host").
         */
        primaryHostId: z
          .string()
          .min(1)
          .max(128)
          .regex(/^[^+#/]+$/, 'one MQTT topic level: no +, #, / or NUL')
          .refine((id) => !id.includes('\u0000'), 'one MQTT topic level: no +, #, / or NUL')
          .optional(),
      })
      .strict()
      .optional(),
    /** An embedded broker (aedes) for benches without one; off in projects unless asked. */
    embeddedBroker: z
      .object({
        enabled: z.boolean().default(false),
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(1883),
        username: z.string().optional(),
        password: SecretRefSchema.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type MqttSettings = z.infer<typeof MqttSettingsSchema>;

export const ProjectSchema = z
  .object({
    schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
    name: z.string().min(1).max(256),
    description: z.string().max(4096).optional(),
    ieds: z.array(IedConfigSchema).max(1000),
    points: z.array(PointConfigSchema).max(200_000),
    modbus: ModbusSettingsSchema.default(ModbusSettingsSchema.parse({})),
    mqtt: MqttSettingsSchema.default(MqttSettingsSchema.parse({ enabled: false })),
  })
  .strict();
/** A project as the runtime uses it: every default filled in. */
export type Project = z.infer<typeof ProjectSchema>;
/** A project as written in a file: defaults may be left out. */
export type ProjectInput = z.input<typeof ProjectSchema>;
