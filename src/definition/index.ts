/** The definition format: parse, validate, and the published JSON Schema. */
export { parseDocuments, parseDocumentsCollecting, documentFromValue } from './parse-documents.ts';
export type { ParsedDocument, ParseOptions, SourcePosition } from './parse-documents.ts';
export { loadDefinitionFiles } from './load-definition-files.ts';
export { validateDocuments, assertValid } from './validate-documents.ts';
export type { ValidateOptions, ValidationResult } from './validate-documents.ts';
export type { KnownConnector } from './operation-check.ts';
export { formatIssue, formatPath } from './definition-issue.ts';
export type { DefinitionIssue, PathKey } from './definition-issue.ts';
export { didYouMean } from './did-you-mean.ts';
export { definitionJsonSchema, DEFINITION_SCHEMA_ID } from './json-schema.ts';
export { catalogOf } from './operation-spec.ts';
export type { OperationCatalog, OperationSpec, ParamSpec } from './operation-spec.ts';
export * from './schema.ts';
