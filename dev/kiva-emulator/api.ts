import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Scope } from '../../src/kiva/models';
import type { Casing } from './casing';
import { configBody, EMULATOR_CONFIG, type ConfigListName } from './config-data';
import { decodeUtf8, errorReply, jsonReply, mediaType, type Reply } from './http';
import { JOURNAL_ELIGIBLE_STATUSES, queryLoans, REPAYABLE_STATUSES, type EmulatorLoan } from './loans';
import { scopesOf, type TokenAuthority } from './tokens';
import type { AppliedEndpoint, EmulatorClient } from './types';
import { checkJournals, checkLoanDraft, checkRepayments, type Invalid } from './validate';

/** Kiva's docs advise at most 300 a page; its sample accepts `limit` up to 3000. */
export const MAX_LOANS_PAGE = 300;
export const MAX_LOANS_LIMIT = 3000;
const DEFAULT_LOANS_PAGE = 20;

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  raw: Buffer;
}

export interface Outcome {
  reply: Reply;
  authorized: boolean;
}

export interface PartnerApiOptions {
  tokens: TokenAuthority;
  loans: readonly EmulatorLoan[];
  casing: Casing;
  repaymentsResponse: 'list' | 'object';
  journalRoute: 'documented' | 'sample' | 'both';
  baseUrl: string;
  /** Called once per request that took effect. */
  onApplied(endpoint: AppliedEndpoint, partnerId: string, body: unknown, reference: string): void;
}

interface RouteContext {
  partnerId: string;
  query: URLSearchParams;
  body: unknown;
  /** Whose token it is: its PA2 settings (the report format) apply. */
  client?: EmulatorClient;
}

interface Route {
  method: 'GET' | 'POST';
  /** Undefined: any valid token of the partner will do (Kiva names no scope for the config lists). */
  scope?: Scope;
  handle(ctx: RouteContext): Reply;
}

/** The /v3 partner endpoints: authorisation, validation, and what each request changes. */
export class PartnerApi {
  private readonly routes: Record<string, Route>;
  private readonly loansById: Map<string, EmulatorLoan>;
  private readonly journalIds = new Set<string>();
  private repaidLoanIds: string[] = [];
  private uploads = 0;

  constructor(private readonly options: PartnerApiOptions) {
    this.loansById = new Map(options.loans.map((loan) => [loan.internal_loan_id, loan]));
    const config = (list: ConfigListName): Route => ({
      method: 'GET',
      handle: () => jsonReply(200, configBody(list, options.casing === 'camel' ? 'library' : 'snake')),
    });
    const journalRoutes: Record<string, Route> = {};
    if (options.journalRoute !== 'sample') {
      // Kiva's docs and library: singular path, {"journals":[…]}, 200.
      journalRoutes['partner/journals'] = {
        method: 'POST',
        scope: 'create:journal_update',
        handle: (ctx) => this.postJournals(ctx, false),
      };
    }
    if (options.journalRoute !== 'documented') {
      // Kiva's working sample: plural path, bare array, 201.
      journalRoutes['partners/journals'] = {
        method: 'POST',
        scope: 'create:journal_update',
        handle: (ctx) => this.postJournals(ctx, true),
      };
    }
    this.routes = {
      'partner/config/activities': config('activities'),
      'partner/config/locales': config('locales'),
      'partner/config/themes': config('themes'),
      'partner/config/locations': config('locations'),
      'partner/loans': { method: 'GET', scope: 'read:loans', handle: (ctx) => this.listLoans(ctx) },
      'partner/loan_draft': { method: 'POST', scope: 'create:loan_draft', handle: (ctx) => this.createDraft(ctx) },
      'partner/repayments': { method: 'POST', scope: 'create:repayment', handle: (ctx) => this.repay(ctx) },
      ...journalRoutes,
    };
  }

  handle(req: ApiRequest): Outcome {
    const denied = (reply: Reply): Outcome => ({ reply, authorized: false });
    const match = /^\/v3\/(partners?)\/([^/]+)\/(.+?)\/?$/.exec(req.path);
    const route = match ? this.routes[`${match[1]}/${match[3]}`] : undefined;
    if (!match || !route) {
      return denied(confirmPage(req, this.journalIds) ?? errorReply(404, 'not.found', `No endpoint at ${req.path}`));
    }
    if (route.method !== req.method) {
      return denied({
        ...errorReply(405, 'method.not.allowed', `${req.path} takes ${route.method}`),
        headers: { Allow: route.method },
      });
    }
    const partnerId = safeDecode(match[2] ?? '');
    const authorized = this.authorize(req.headers.authorization, route.scope, partnerId);
    if ('refusal' in authorized) return denied(authorized.refusal);
    let body: unknown;
    if (route.method === 'POST') {
      const parsed = parseJsonBody(req);
      if ('reply' in parsed) return { reply: parsed.reply, authorized: true };
      body = parsed.body;
    }
    const client = authorized.client;
    return {
      reply: route.handle({ partnerId, query: req.query, body, ...(client ? { client } : {}) }),
      authorized: true,
    };
  }

  appliedRepaymentLoanIds(): string[] {
    return [...this.repaidLoanIds];
  }

  reset(): void {
    this.repaidLoanIds = [];
    this.journalIds.clear();
  }

  private authorize(
    header: string | undefined,
    scope: Scope | undefined,
    partnerId: string,
  ): { refusal: Reply } | { client?: EmulatorClient } {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    const unauthorized = (message: string) => ({
      refusal: { ...errorReply(401, 'auth.unauthorized', message), headers: { 'WWW-Authenticate': 'Bearer' } },
    });
    if (!bearer) return unauthorized('Missing bearer token: send Authorization: Bearer <access_token>');
    const token = this.options.tokens.check(bearer);
    if (token.kind === 'invalid') return unauthorized('Unknown or revoked token');
    if (token.kind === 'expired') {
      return { refusal: errorReply(403, 'auth.token.expired', 'Token expired: request a new token') };
    }
    if (scope && !scopesOf(token.claims).includes(scope)) {
      return {
        refusal: errorReply(
          403,
          'auth.insufficient.scope',
          `Token lacks scope ${scope}: request a token with ${scope}`,
        ),
      };
    }
    if (token.claims.partnerId !== partnerId) {
      return {
        refusal: errorReply(
          403,
          'auth.partner.mismatch',
          `Token is for partner ${token.claims.partnerId}, not partner ${partnerId}`,
        ),
      };
    }
    const client = this.options.tokens.clientOf(token.claims);
    return client ? { client } : {};
  }

  /** As strict as Kiva's sample: `status` is required, `limit` 0–3000 (the docs advise 300 at most). */
  private listLoans({ query }: RouteContext): Reply {
    const offset = parseCount(query.get('offset'), 0);
    const limit = parseCount(query.get('limit'), DEFAULT_LOANS_PAGE);
    if (offset === undefined)
      return badRequest({ code: 'invalid.field', field: 'offset', message: 'offset must be 0 or more' });
    if (limit === undefined || limit > MAX_LOANS_LIMIT) {
      return badRequest({
        code: 'invalid.field',
        field: 'limit',
        message: `limit must be between 0 and ${MAX_LOANS_LIMIT}`,
      });
    }
    const statuses = (query.get('status') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (statuses.length === 0) {
      return badRequest({ code: 'invalid.field', field: 'status', message: 'status is required' });
    }
    const result = queryLoans(this.options.loans, { query: query.get('query') ?? undefined, statuses, offset, limit });
    // The library reads `totalRecords`; the loans themselves are snake_case in both.
    const total = this.options.casing === 'camel' ? { totalRecords: result.total } : { total_records: result.total };
    return jsonReply(200, { ...total, data: result.page });
  }

  private createDraft({ partnerId, body }: RouteContext): Reply {
    const error = checkLoanDraft(body, EMULATOR_CONFIG);
    if (error) return badRequest(error);
    const loanDraftUuid = randomUUID();
    this.options.onApplied('loan_draft', partnerId, body, loanDraftUuid);
    return jsonReply(200, { code: 'api.success', message: 'Loan draft created', loanDraftUuid });
  }

  /**
   * Kiva reports problems per loan (lib: `problems:[{loan_id, details, code, severity}]`): a bad amount or a missing
   * client id (three-column partners) is an error for that loan only; the others are received.
   */
  private repay({ partnerId, body, client }: RouteContext): Reply {
    const checked = checkRepayments(body);
    if (!checked.ok) return badRequest(checked.error);
    const threeColumn = client?.reportFormat === 'three-column';
    const problems: { loan_id: string; details: string; code: string; severity: 'error' | 'warning' }[] = [];
    const accepted: string[] = [];
    for (const item of checked.value) {
      const error = (code: string, details: string) =>
        problems.push({ loan_id: item.loan_id, details, code, severity: 'error' });
      if (!isPositiveAmount(item.amount)) {
        error('amount.invalid', `amount ${JSON.stringify(item.amount)} must be a number greater than 0`);
        continue;
      }
      const loan = this.loansById.get(item.loan_id);
      if (!loan) {
        error('loan.not.found', 'Loan not found');
        continue;
      }
      if (threeColumn && item.client_id === undefined) {
        error('client_id.required', 'client_id is required: this partner uses the three-column format');
        continue;
      }
      accepted.push(item.loan_id);
      if (!REPAYABLE_STATUSES.includes(loan.status)) {
        problems.push({
          loan_id: item.loan_id,
          details: `Loan is ${loan.status}, not payingBack or defaulted`,
          code: 'loan.not.repaying',
          severity: 'warning',
        });
      }
      if (item.client_id !== undefined && item.client_id !== loan.internal_client_id) {
        problems.push({
          loan_id: item.loan_id,
          details: `client_id ${item.client_id} is not this loan's client`,
          code: 'client.mismatch',
          severity: 'warning',
        });
      }
    }
    const upload_id = String(70_000 + ++this.uploads);
    if (accepted.length > 0) {
      this.repaidLoanIds.push(...accepted);
      this.options.onApplied('repayments', partnerId, body, upload_id);
    }
    const result = {
      code: 'api.success',
      message: `${accepted.length} of ${checked.value.length} repayments received; finalise the report in PA2`,
      upload_id,
      problems,
    };
    return jsonReply(200, this.options.repaymentsResponse === 'list' ? [result] : result);
  }

  /**
   * Only loans listed as eligible on PA2's Journals tab take journals (posted loans; never a test draft or an id
   * Kiva does not know), and a three-column partner must name the client: either refuses the whole request, so
   * nothing of it is applied.
   */
  private postJournals({ partnerId, body, client }: RouteContext, bare: boolean): Reply {
    const checked = checkJournals(body, bare);
    if (!checked.ok) return badRequest(checked.error);
    for (const [i, journal] of checked.value.entries()) {
      const loan = this.loansById.get(journal.internal_loan_id);
      if (!loan || !JOURNAL_ELIGIBLE_STATUSES.includes(loan.status)) {
        return errorReply(
          400,
          'journal.loan.not.eligible',
          `Loan ${journal.internal_loan_id} is not eligible for journals in PA2`,
          {
            field: `journals[${i}].internal_loan_id`,
          },
        );
      }
      if (client?.reportFormat === 'three-column' && journal.internal_client_id === undefined) {
        return errorReply(
          400,
          'invalid.field',
          'internal_client_id is required: this partner uses the three-column format',
          {
            field: `journals[${i}].internal_client_id`,
          },
        );
      }
    }
    const journals = checked.value.map((journal) => {
      const id = randomUUID();
      this.journalIds.add(id);
      return {
        code: 'api.success',
        message: 'Journal update created; confirm it in PA2',
        archive_id: id,
        internal_loan_id: journal.internal_loan_id,
        confirm_url: `${this.options.baseUrl}/pa2/journals/${id}/confirm`,
      };
    });
    const confirmUrl = journals[0]?.confirm_url ?? '';
    this.options.onApplied('journals', partnerId, body, confirmUrl);
    // The library reads a list of {code, message, archive_id, confirm_url}; the sample only checks for its 201.
    if (!bare) return jsonReply(200, journals);
    return jsonReply(201, {
      code: 'api.success',
      message: `${journals.length} journal updates created; confirm each in PA2`,
      journals,
    });
  }
}

/** A malformed escape is left as sent: it then fails the partner check instead of crashing the handler. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isPositiveAmount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function badRequest(error: Invalid): Reply {
  return errorReply(400, error.code, error.message, { field: error.field });
}

function parseCount(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

function parseJsonBody(req: ApiRequest): { body: unknown } | { reply: Reply } {
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    return { reply: errorReply(415, 'unsupported.media.type', 'Content-Type must be application/json') };
  }
  const text = decodeUtf8(req.raw);
  if (text === undefined) return { reply: errorReply(400, 'invalid.encoding', 'Body is not valid UTF-8') };
  try {
    return { body: JSON.parse(text) };
  } catch (e) {
    return { reply: errorReply(400, 'invalid.json', `Malformed JSON: ${(e as Error).message}`) };
  }
}

/** Stands in for the PA2 page a confirm_url opens, so the links the add-in shows lead somewhere during development. */
function confirmPage(req: ApiRequest, journalIds: ReadonlySet<string>): Reply | undefined {
  const id = /^\/pa2\/journals\/([^/]+)\/confirm$/.exec(req.path)?.[1];
  if (req.method !== 'GET' || !id || !journalIds.has(id)) return undefined;
  return {
    status: 200,
    contentType: 'text/html; charset=utf-8',
    text: `<!doctype html><meta charset="utf-8"><title>Journal update</title><p>Kiva emulator: in PA2 a coordinator would review and confirm journal update ${id} here.</p>`,
  };
}
