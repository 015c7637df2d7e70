/**
 * The body `tollgate services create --file` and `edit --file` send: the one
 * object of a JSON or YAML file, as the API's POST takes it. A `Service`
 * document (as `apply` reads it) is such an object with `kind: Service`.
 * Read with the definition files' loader, so a syntax error names the file and
 * line, and the server's issues (`body.offerings[1].workflow`) can be placed
 * back in the file.
 */
import { InvalidInputError } from '../core/errors.ts';
import { parsePath, type PathKey } from '../definition/definition-issue.ts';
import { loadDefinitionFiles } from '../definition/load-definition-files.ts';
import type { ParsedDocument } from '../definition/parse-documents.ts';
import { ApiError } from './api-client.ts';

export interface ServiceFile {
  path: string;
  /** What the POST sends: the file's object without `kind` (and, for an edit, without the `id` the command names). */
  body: Record<string, unknown>;
  document: ParsedDocument;
}

/**
 * Reads the file. For an edit, give the service's id: an `id` in the file must be that one (a service's id cannot change).
 * @throws InvalidInputError `service_file_invalid` naming the file and what to give; `definition_invalid` for a syntax error.
 */
export async function readServiceFile(path: string, options: { editing?: string } = {}): Promise<ServiceFile> {
  const documents = await loadDefinitionFiles([path]);
  const [document] = documents;
  if (documents.length !== 1 || document === undefined) {
    return refuse(`${path} holds ${documents.length} documents; give one object with the service's title, description and offerings (a file of several documents is applied with \`tollgate apply -f\`)`, 'file');
  }
  const value = document.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return refuse(`${path} holds ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}; give one object such as {title: Billing, offerings: [{id: refund, workflow: refund-request}]}`, 'file');
  }
  const { kind, ...body } = value as Record<string, unknown>;
  if (kind !== undefined && kind !== 'Service') return refuse(`${path}: kind is ${JSON.stringify(kind)}; give a Service (or leave kind out)`, 'kind');
  if (options.editing === undefined) return { path, body, document };
  const { id, ...change } = body;
  if (id !== undefined && id !== options.editing) {
    return refuse(`${path} names the service ${JSON.stringify(id)}, but the command edits "${options.editing}"; a service's id cannot change (leave id out of the file, or edit that service)`, 'id');
  }
  return { path, body: change, document };
}

function refuse(message: string, path: string): never {
  throw new InvalidInputError('service_file_invalid', message, [], { path });
}

/**
 * The server's refusal with its fields placed in the file: an issue at `body.offerings[1].workflow`
 * gets the location `services.yaml:7:15` and the path `offerings[1].workflow`, as the file spells it.
 */
export function placedInFile(error: ApiError, file: ServiceFile): ApiError {
  const place = (path: string): { path: string; location?: string } => {
    const keys = bodyKeys(path);
    if (keys === undefined) return { path };
    const position = file.document.locate(keys, { at: 'key' });
    return { path: path.slice('body.'.length), ...(position === undefined ? {} : { location: `${file.path}:${position.line}:${position.column}` }) };
  };
  const issues = error.issues.map((issue) => ({ ...issue, ...place(issue.path) }));
  const at = error.path === undefined ? undefined : place(error.path);
  const path = at === undefined ? undefined : at.location === undefined ? at.path : `${at.location} ${at.path}`;
  return new ApiError(error.status, { code: error.code, message: error.message, ...(path === undefined ? {} : { path }), issues });
}

/** `body.offerings[1].workflow` → `['offerings', 1, 'workflow']`; undefined for a path outside the body. */
function bodyKeys(path: string): PathKey[] | undefined {
  return path.startsWith('body.') ? parsePath(path.slice('body.'.length)) : undefined;
}
