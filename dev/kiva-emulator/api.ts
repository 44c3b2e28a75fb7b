import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Scope } from '../../src/kiva/models';
import { withCasing, type Casing } from './casing';
import { configBody, EMULATOR_CONFIG, type ConfigListName } from './config-data';
import { decodeUtf8, errorReply, jsonReply, mediaType, type Reply } from './http';
import { queryLoans, REPAYABLE_STATUSES, type EmulatorLoan } from './loans';
import { scopesOf, type TokenAuthority } from './tokens';
import type { AppliedEndpoint } from './types';
import { checkJournals, checkLoanDraft, checkRepayments, type Invalid } from './validate';

export const MAX_LOANS_PAGE = 300;
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
  baseUrl: string;
  /** Called once per request that took effect. */
  onApplied(endpoint: AppliedEndpoint, partnerId: string, body: unknown, reference: string): void;
}

interface RouteContext {
  partnerId: string;
  query: URLSearchParams;
  body: unknown;
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
      handle: () => jsonReply(200, withCasing(configBody(list), options.casing)),
    });
    this.routes = {
      'partner/config/activities': config('activities'),
      'partner/config/locales': config('locales'),
      'partner/config/themes': config('themes'),
      'partner/config/locations': config('locations'),
      'partner/loans': { method: 'GET', scope: 'read:loans', handle: (ctx) => this.listLoans(ctx) },
      'partner/loan_draft': { method: 'POST', scope: 'create:loan_draft', handle: (ctx) => this.createDraft(ctx) },
      'partner/repayments': { method: 'POST', scope: 'create:repayment', handle: (ctx) => this.repay(ctx) },
      'partner/journals': {
        method: 'POST',
        scope: 'create:journal_update',
        handle: (ctx) => this.postJournals(ctx, false),
      },
      // Kiva's working sample: plural path, bare array, 201.
      'partners/journals': {
        method: 'POST',
        scope: 'create:journal_update',
        handle: (ctx) => this.postJournals(ctx, true),
      },
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
    const refusal = this.authorize(req.headers.authorization, route.scope, partnerId);
    if (refusal) return denied(refusal);
    let body: unknown;
    if (route.method === 'POST') {
      const parsed = parseJsonBody(req);
      if ('reply' in parsed) return { reply: parsed.reply, authorized: true };
      body = parsed.body;
    }
    return { reply: route.handle({ partnerId, query: req.query, body }), authorized: true };
  }

  appliedRepaymentLoanIds(): string[] {
    return [...this.repaidLoanIds];
  }

  reset(): void {
    this.repaidLoanIds = [];
    this.journalIds.clear();
  }

  private authorize(header: string | undefined, scope: Scope | undefined, partnerId: string): Reply | undefined {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
    const unauthorized = (message: string): Reply => ({
      ...errorReply(401, 'auth.unauthorized', message),
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
    if (!bearer) return unauthorized('Missing bearer token: send Authorization: Bearer <access_token>');
    const token = this.options.tokens.check(bearer);
    if (token.kind === 'invalid') return unauthorized('Unknown or revoked token');
    if (token.kind === 'expired') {
      return errorReply(403, 'auth.token.expired', 'Token expired: request a new token');
    }
    if (scope && !scopesOf(token.claims).includes(scope)) {
      return errorReply(403, 'auth.insufficient.scope', `Token lacks scope ${scope}: request a token with ${scope}`);
    }
    if (token.claims.partnerId !== partnerId) {
      return errorReply(
        403,
        'auth.partner.mismatch',
        `Token is for partner ${token.claims.partnerId}, not partner ${partnerId}`,
      );
    }
    return undefined;
  }

  private listLoans({ query }: RouteContext): Reply {
    const offset = parseCount(query.get('offset'), 0);
    const limit = parseCount(query.get('limit'), DEFAULT_LOANS_PAGE);
    if (offset === undefined)
      return badRequest({ code: 'invalid.field', field: 'offset', message: 'offset must be 0 or more' });
    if (limit === undefined || limit < 1 || limit > MAX_LOANS_PAGE) {
      return badRequest({
        code: 'invalid.field',
        field: 'limit',
        message: `limit must be between 1 and ${MAX_LOANS_PAGE}`,
      });
    }
    const statuses = (query.get('status') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const result = queryLoans(this.options.loans, { query: query.get('query') ?? undefined, statuses, offset, limit });
    return jsonReply(200, withCasing({ total_records: result.total, data: result.page }, this.options.casing));
  }

  private createDraft({ partnerId, body }: RouteContext): Reply {
    const error = checkLoanDraft(body, EMULATOR_CONFIG);
    if (error) return badRequest(error);
    const loanDraftUuid = randomUUID();
    this.options.onApplied('loan_draft', partnerId, body, loanDraftUuid);
    return jsonReply(200, { code: 'api.success', message: 'Loan draft created', loanDraftUuid });
  }

  private repay({ partnerId, body }: RouteContext): Reply {
    const checked = checkRepayments(body);
    if (!checked.ok) return badRequest(checked.error);
    const problems: { loan_id: string; details: string; code: string; severity: 'error' | 'warning' }[] = [];
    const accepted: string[] = [];
    for (const item of checked.value) {
      const loan = this.loansById.get(item.loan_id);
      if (!loan) {
        problems.push({ loan_id: item.loan_id, details: 'Loan not found', code: 'loan.not.found', severity: 'error' });
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

  private postJournals({ partnerId, body }: RouteContext, bare: boolean): Reply {
    const checked = checkJournals(body, bare);
    if (!checked.ok) return badRequest(checked.error);
    const journals = checked.value.map((journal) => {
      const id = randomUUID();
      this.journalIds.add(id);
      return {
        internal_loan_id: journal.internal_loan_id,
        confirm_url: `${this.options.baseUrl}/pa2/journals/${id}/confirm`,
      };
    });
    const confirmUrl = journals[0]?.confirm_url ?? '';
    this.options.onApplied('journals', partnerId, body, confirmUrl);
    return jsonReply(bare ? 201 : 200, {
      code: 'api.success',
      message: `${journals.length} journal updates created; confirm each in PA2`,
      confirm_url: confirmUrl,
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
