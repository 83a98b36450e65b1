/** Public face of config/: load once at startup, hand each module its slice. */
export { loadConfig, readConfigFile, type ConfigProblem, type Env, type LoadConfigOptions } from './load-config.js';
export { redactConfig, type RedactedConfig } from './redact.js';
export { formatDuration, formatSize, parseDuration, parseSize, tryParseDuration, tryParseSize } from './units.js';
export { closestName } from './suggest.js';
export { effectiveAfterReload, planReload, type ReloadPlan } from './reload.js';
export { DEFAULTS, defaultSecretKeyFile } from './defaults.js';
export { FIELDS, FILE_ENV, type FieldSpec } from './schema.js';
export { LOG_FORMATS, LOG_LEVELS, type Config, type LogFormat, type ConfigFile, type InfluxConfig, type ListenConfig, type LogLevel, type PollerConfig, type SnmpConfig, type SpoolConfig } from './types.js';
