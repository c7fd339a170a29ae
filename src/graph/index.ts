/** The versioned graph document: safe parsing, schema validation, migrations, canonical output. */
export {
  CURRENT_GRAPH_VERSION,
  DATA_DEFAULTS,
  RUN_DEFAULTS,
  GRAPH_FORMAT,
  resolveDataConfig,
  type DataConfig,
  type GraphConnection,
  type GraphDocument,
  type GraphNode,
  type ParamValue,
  type RunSection,
  type SlipRule,
  type SocketRef,
  type TrainingConfig,
} from './types'
export {
  GRAPH_ERROR_CODES,
  GraphValidationError,
  formatPath,
  type GraphErrorCode,
  type GraphFileError,
  type PathPart,
} from './errors'
export { MAX_GRAPH_DEPTH, parseGraphText, type ParseResult } from './parse'
export { GRAPH_SCHEMA, GRAPH_SCHEMA_ID } from './schema'
export {
  GRAPH_MIGRATIONS,
  MigrationError,
  defineMigrations,
  migrateGraph,
  type MigrateResult,
  type MigrationStep,
  type RawDocument,
} from './migrations'
export {
  MAX_REPORTED_ERRORS,
  detectGraphVersion,
  loadGraph,
  loadGraphValue,
  validateGraph,
  type GraphLoadResult,
} from './load'
export { canonicalGraph, serializeGraph } from './serialize'
