/**
 * ARM's error envelope, `{"error":{"code","message","target"?}}`, and the answers the server
 * itself gives (bad requests, unknown routes, authentication), each with ARM's code.
 */

/** An error answered in ARM's envelope with an HTTP status. */
export class ArmError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** ARM's error code, e.g. `ResourceNotFound`. */
  readonly code: string;
  /** The property or parameter at fault, when there is one. */
  readonly target: string | undefined;
  /** Extra response headers (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, target?: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ArmError';
    this.status = status;
    this.code = code;
    this.target = target;
    this.headers = headers;
  }

  /** The response body: ARM's envelope. */
  toBody(): { error: { code: string; message: string; target?: string } } {
    const error: { code: string; message: string; target?: string } = { code: this.code, message: this.message };
    if (this.target !== undefined) error.target = this.target;
    return { error };
  }
}

/** 400 `MissingApiVersionParameter`: every ARM request carries an api-version. */
export const missingApiVersion = (): ArmError =>
  new ArmError(400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.');

/** 400 `InvalidRequestContent`: the body is not JSON, or not of the expected shape. */
export const invalidContent = (detail: string, target?: string): ArmError =>
  new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${detail}`, target);

/** 400 `InvalidParameter` for one property or parameter. */
export const invalidParameter = (message: string, target: string): ArmError => new ArmError(400, 'InvalidParameter', message, target);

/** 413: the body is larger than the server reads. */
export const bodyTooLarge = (limit: number): ArmError =>
  new ArmError(413, 'RequestEntityTooLarge', `The request content size exceeds the maximum permitted size of ${limit} bytes.`);

/** 404 `ResourceGroupNotFound`. */
export const resourceGroupNotFound = (group: string): ArmError =>
  new ArmError(404, 'ResourceGroupNotFound', `Resource group '${group}' could not be found.`);

/** 404 for a path no route serves. */
export const noRoute = (method: string, path: string): ArmError =>
  new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request '${method} ${path}'.`);

/** 405 for a path served, but not with this method. */
export const methodNotAllowed = (method: string, allowed: readonly string[]): ArmError =>
  new ArmError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`, undefined, {
    Allow: allowed.join(', '),
  });

/** 401 `AuthenticationFailed`: the emulator was started with a token and the request lacks it. */
export const authenticationFailed = (reason: string): ArmError =>
  new ArmError(401, 'AuthenticationFailed', `Authentication failed. ${reason}`, undefined, {
    'WWW-Authenticate': 'Bearer realm="azure-vm-lifecycle emulator"',
  });
