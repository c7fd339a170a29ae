/** The versioned graph document: safe parsing, schema validation, migrations, canonical output. */

export {
  formatPath,
  GRAPH_ERROR_CODES,
  type GraphErrorCode,
  type GraphFileError,
  GraphValidationError,
  type PathPart,
} from './errors';
export {
  detectGraphVersion,
  type GraphLoadResult,
  loadGraph,
  loadGraphValue,
  MAX_REPORTED_ERRORS,
  validateGraph,
} from './load';
export {
  defineMigrations,
  GRAPH_MIGRATIONS,
  type MigrateResult,
  MigrationError,
  type MigrationStep,
  migrateGraph,
  type RawDocument,
} from './migrations';
export { MAX_GRAPH_DEPTH, type ParseResult, parseGraphText } from './parse';
export { GRAPH_SCHEMA, GRAPH_SCHEMA_ID } from './schema';
export { canonicalGraph, serializeGraph } from './serialize';
export {
  CURRENT_GRAPH_VERSION,
  DATA_DEFAULTS,
  type DataConfig,
  GRAPH_FORMAT,
  type GraphConnection,
  type GraphDocument,
  type GraphNode,
  type ParamValue,
  type ResolvedDataConfig,
  RUN_DEFAULTS,
  type RunEdit,
  type RunSection,
  resolveDataConfig,
  type Schedule,
  type SlipRule,
  type SocketRef,
  type TrainingConfig,
} from './types';
