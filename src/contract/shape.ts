/**
 * The shape step: an OpenAPI 3.1 document with exactly one path and one operation on it, GET
 * (the suite only ever sends GET). References are followed within the document.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { pointerOf, resolvePointer, type Fail } from '../core/pointer.js';

export interface DocumentShape {
  /** The one operation's path, e.g. `/v2/pointsLedger/getLedgerExplodeInfo`. */
  readonly endpointPath: string;
  readonly operationPointer: string;
  readonly operation: OpenAPIV3_1.OperationObject & Record<string, unknown>;
}

export function checkShape(document: OpenAPIV3_1.Document, fail: Fail): DocumentShape {
  if (typeof document !== 'object' || document === null) fail('#', 'the document is not a mapping');
  if (!/^3\.1\.\d+$/.test(String((document as { openapi?: unknown }).openapi))) {
    fail('#/openapi', 'must be an OpenAPI 3.1.x version string');
  }
  const paths = Object.keys(document.paths ?? {});
  if (paths.length !== 1) fail('#/paths', `must hold exactly one path (the endpoint), found ${paths.length}`);
  const endpointPath = paths[0]!;
  const pathItem = document.paths![endpointPath]! as Record<string, unknown>;
  const methods = Object.keys(pathItem).filter((k) =>
    ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(k),
  );
  if (methods.length !== 1 || methods[0] !== 'get') {
    fail(pointerOf('paths', endpointPath), 'must declare exactly one operation, get (the suite only ever sends GET)');
  }
  return {
    endpointPath,
    operationPointer: pointerOf('paths', endpointPath, 'get'),
    operation: pathItem['get'] as DocumentShape['operation'],
  };
}

/** Follows `$ref`s within the document to the node they lead to; a cycle or a reference to nowhere fails. */
export function dereferencer(document: OpenAPIV3_1.Document, fail: Fail): <T>(node: unknown) => T {
  return <T>(node: unknown): T => {
    let current = node as { $ref?: string } | undefined;
    for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
      if (hops > 20) fail(current.$ref, 'reference cycle');
      const target = resolvePointer(document, current.$ref);
      if (target === undefined) fail(current.$ref, 'reference points nowhere');
      current = target as { $ref?: string };
    }
    return current as T;
  };
}
