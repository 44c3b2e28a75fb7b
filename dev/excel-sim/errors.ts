/** Errors shaped like `OfficeExtension.Error`, so adapter code can branch on `error.code` as it would in Excel. */

export interface SimDebugInfo {
  code: string;
  message: string;
  errorLocation?: string;
  statement?: string;
  surroundingStatements?: string[];
  fullStatements?: string[];
}

const MESSAGES: Record<string, string> = {
  PropertyNotLoaded:
    'The property is not available. Before reading the property\'s value, call the load method on the containing object and call "context.sync()" on the associated request context.',
  ValueNotLoaded:
    'The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context.',
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: 'The resource already exists.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidSelection: 'The current selection is invalid for this operation.',
  InvalidCellAddress: 'The cell address is invalid or is not a single cell.',
  ApiNotFound:
    'The API you are trying to use could not be found. It may be available in a newer version of Excel. Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/reference/requirement-sets/excel/excel-api-requirement-sets" for more information.',
  RequestPayloadSizeLimitExceeded:
    'The request payload size has exceeded the limit. Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  ResponsePayloadSizeLimitExceeded:
    'The response payload size has exceeded the limit. Please refer to the documentation: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
  InvalidRequestContext: 'Cannot use the object across different request contexts.',
  RunMustReturnPromise:
    'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
  InvalidOperationInCellEditMode:
    "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by clicking another cell, and then try again.",
  InvalidObjectPath: 'The object path is not working for what you are trying to do.',
  GeneralException: 'There was an internal error while processing the request.',
};

const HTTP_STATUS: Record<string, number> = {
  ItemNotFound: 404,
  ItemAlreadyExists: 409,
  RequestPayloadSizeLimitExceeded: 413,
  ResponsePayloadSizeLimitExceeded: 413,
  GeneralException: 500,
};

/** What `OfficeExtension.Error` looks like to the code that catches it (name, code, message, debugInfo). */
export class SimOfficeError extends Error {
  code: string;
  debugInfo: SimDebugInfo;
  traceMessages: string[] = [];
  innerError: SimOfficeError | null = null;
  httpStatusCode: number;

  constructor(code: string, message?: string, errorLocation?: string) {
    const text = message ?? MESSAGES[code] ?? code;
    super(text);
    this.name = 'RichApi.Error';
    this.code = code;
    this.httpStatusCode = HTTP_STATUS[code] ?? 400;
    this.debugInfo = { code, message: text };
    if (errorLocation !== undefined) this.locate(errorLocation);
  }

  /** Office.js names the failing statement (`Range.values`, `WorksheetCollection.getItem`). */
  locate(errorLocation: string, statement?: string): this {
    this.debugInfo.errorLocation = errorLocation;
    this.debugInfo.statement = statement ?? errorLocation;
    return this;
  }

  /** Office.js uses `RichApi.Error` plus the message for `toString()`; keep that. */
  override toString(): string {
    return `${this.name}: ${this.message}`;
  }
}

export function simError(code: string, message?: string, errorLocation?: string): SimOfficeError {
  return new SimOfficeError(code, message, errorLocation);
}

export function propertyNotLoaded(property: string, typeName: string): SimOfficeError {
  return new SimOfficeError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${property}`,
  );
}

/** `OfficeExtension.ErrorCodes`: the runtime's own codes (Excel's live in `Excel.ErrorCodes`). */
export const OFFICE_EXTENSION_ERROR_CODES = {
  accessDenied: 'AccessDenied',
  generalException: 'GeneralException',
  activityLimitReached: 'ActivityLimitReached',
  invalidObjectPath: 'InvalidObjectPath',
  propertyNotLoaded: 'PropertyNotLoaded',
  valueNotLoaded: 'ValueNotLoaded',
  invalidRequestContext: 'InvalidRequestContext',
  invalidArgument: 'InvalidArgument',
  runMustReturnPromise: 'RunMustReturnPromise',
  cannotRegisterEvent: 'CannotRegisterEvent',
  apiNotFound: 'ApiNotFound',
  connectionFailure: 'ConnectionFailure',
} as const;
