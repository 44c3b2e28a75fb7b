/**
 * The connection check's words in English, Spanish and French, shared by the command line and the pane so that the
 * text a partner copies for Kiva support is the same wherever it was made. Never a secret or a token: the report
 * holds neither (doctor.ts), and Kiva's words in it were redacted by src/kiva.
 */
import { JOURNAL_VARIANTS, type KivaOperation } from '../kiva';
import { environmentName, pluralText, type MessageLanguage, type PluralText } from '../sheet';
import type { DoctorCheck, DoctorCode, DoctorLine, DoctorOutcome, DoctorReport, DoctorStatus } from './doctor';
import { formatKivaError } from './messages';

interface CodeText {
  /** With a count (`total`), a singular and a plural. */
  text: string | PluralText;
  /** What to do about it; only problems have one. */
  fix?: string;
}

export interface DoctorCatalogue {
  title: string;
  urls: string;
  version: string;
  checks: Record<DoctorCheck, string>;
  statuses: Record<DoctorStatus, string>;
  fix: string;
  /** What follows a label: French puts a no-break space before the colon. */
  colon: string;
  codes: Record<DoctorCode, CodeText>;
  operations: Record<KivaOperation, string>;
  lists: Record<'activities' | 'themes' | 'locations' | 'locales', string>;
  none: string;
  outcomes: Record<DoctorOutcome, string>;
}

const en: DoctorCatalogue = {
  title: 'Kiva Sheets connection check · Kiva {environment} · {checkedAt}',
  urls: 'Token URL {tokenUrl} · audience {audience} · API base {apiBase}',
  version: 'Kiva Sheets {version}',
  checks: {
    'token-url': 'Token URL',
    credentials: 'Client id and secret',
    audience: 'Audience',
    'partner-id': 'Partner id',
    scopes: 'Permissions',
    'token-lifetime': 'Token lifetime',
    'config-lists': 'Config lists',
    loans: 'Loans',
    'journal-route': 'Journal route',
  },
  statuses: { ok: 'OK', problem: 'PROBLEM', info: 'NOTE', 'not-checked': 'NOT CHECKED' },
  fix: 'Fix',
  colon: ': ',
  codes: {
    'token-url.ok': { text: 'Kiva’s token URL {tokenUrl} answered.' },
    'token-url.unreachable': {
      text: 'Could not reach {tokenUrl} ({reason}).',
      fix: 'Check the token URL for this environment (stage: https://auth.staging.kiva.org/oauth/token), the internet connection, and any proxy or firewall between here and Kiva.',
    },
    'token-url.failing': {
      text: '{tokenUrl} answered {reason} on every attempt.',
      fix: 'Kiva’s token server is busy or down: try again later; if it lasts, send this report to Kiva support.',
    },
    'token-url.not-kiva': {
      text: '{tokenUrl} answered, but not with a Kiva token ({detail}).',
      fix: 'Check that the token URL is Kiva’s: a login portal or a proxy may be answering in its place.',
    },
    'credentials.ok': { text: 'Kiva accepted the client id and secret.' },
    'credentials.refused': {
      text: 'Kiva refused the client id or secret (HTTP {status}: “{description}”).',
      fix: 'Copy both again from PA2 → Account → API Access, for this environment: stage and production have different pairs.',
    },
    'audience.ok': { text: 'Kiva accepted the audience {audience}.' },
    'audience.refused': {
      text: 'Kiva refused the audience {audience} (HTTP {status}: “{description}”).',
      fix: 'Set the audience Kiva gave you for this environment. Kiva documents two stage values: {stageAudiences}.',
    },
    'partner-id.ok': { text: 'Kiva’s token names partner {partnerId}.' },
    'partner-id.missing': {
      text: 'Kiva’s token names no partner id.',
      fix: 'Set the partner id in the server’s settings, or ask Kiva support to link these credentials to your partner.',
    },
    'scopes.all': { text: 'Granted: {granted}. They allow {allowed}.' },
    'scopes.missing': {
      text: 'Granted: {granted} (they allow {allowed}). Missing: {missing}, so {blocked} will be refused.',
      fix: 'Ask Kiva to enable the missing permissions for these credentials (PA2 → Account → API Access).',
    },
    'scopes.refused': {
      text: 'Kiva granted no permission at all (HTTP {status}: “{description}”).',
      fix: 'Ask Kiva to enable the permissions for these credentials (PA2 → Account → API Access).',
    },
    'scopes.unsaid': { text: 'Kiva’s token answer does not say which permissions it grants; each send will tell.' },
    'lifetime.ok': { text: 'A token lasts {hours} h {minutes} min; Kiva Sheets renews it before it ends.' },
    'lifetime.short': {
      text: 'A token lasts only {seconds} s (Kiva documents about 12 h).',
      fix: 'Check that the token URL is Kiva’s; if it is, send this report to Kiva support.',
    },
    'lists.ok': { text: 'Read {activities} activities, {themes} themes, {locations} locations and {locales} locales.' },
    'lists.empty': {
      text: 'Read {activities} activities, {themes} themes, {locations} locations and {locales} locales: {empty} empty.',
      fix: 'Ask Kiva to set up the empty lists for your partner in PA2: loan drafts need them.',
    },
    'lists.unreachable': {
      text: 'Could not reach the API base {apiBase}: {kiva}',
      fix: 'Check the API base for this environment (stage: https://partnerapi.staging.kiva.org), the connection, and any proxy or firewall.',
    },
    'lists.not-kiva': {
      text: 'The API base {apiBase} answered, but not as Kiva does: {kiva}',
      fix: 'Check the API base URL: a login portal or a proxy may be answering in Kiva’s place.',
    },
    'lists.failed': {
      text: 'The config lists could not be read from {apiBase}: {kiva}',
      fix: 'Check the API base for this environment; if it is right, send this report to Kiva support.',
    },
    'loans.ok': { text: { one: '{total} loan readable ({byStatus}).', other: '{total} loans readable ({byStatus}).' } },
    'loans.failed': {
      text: 'The loans could not be read: {kiva}',
      fix: 'Check that these credentials hold read:loans; if they do, send this report to Kiva support.',
    },
    'journal-route.known': { text: 'Journal updates go to {routePath} (found by an earlier send).' },
    'journal-route.unknown': {
      text: 'Not known yet: the first journal send tries {routePath}, then {otherPath} once if Kiva answers 404, and remembers the one that works.',
    },
    'kiva.failed': { text: '{kiva}', fix: 'Send this report to Kiva support.' },
    'not-checked.earlier': { text: 'Not checked: the problem above comes first.' },
    'not-checked.needs-scope': { text: 'Not checked: it needs the permission {scope}.' },
  },
  operations: {
    config: 'reading the lists',
    loans: 'reading loans',
    'loan-draft': 'creating loan drafts',
    journals: 'posting journal updates',
    repayments: 'reporting repayments',
  },
  lists: { activities: 'activities', themes: 'themes', locations: 'locations', locales: 'locales' },
  none: 'none',
  outcomes: {
    ok: 'Everything checked is OK.',
    problems: 'Problems to fix: {count}.',
    unreachable: 'Kiva could not be reached: fix that first.',
  },
};

const es: DoctorCatalogue = {
  title: 'Comprobación de la conexión de Kiva Sheets · Kiva {environment} · {checkedAt}',
  urls: 'URL del token {tokenUrl} · audiencia {audience} · base de la API {apiBase}',
  version: 'Kiva Sheets {version}',
  checks: {
    'token-url': 'URL del token',
    credentials: 'Client id y secreto',
    audience: 'Audiencia',
    'partner-id': 'Id de socio',
    scopes: 'Permisos',
    'token-lifetime': 'Duración del token',
    'config-lists': 'Listas de configuración',
    loans: 'Préstamos',
    'journal-route': 'Ruta de las actualizaciones (journals)',
  },
  statuses: { ok: 'OK', problem: 'PROBLEMA', info: 'NOTA', 'not-checked': 'NO COMPROBADO' },
  fix: 'Solución',
  colon: ': ',
  codes: {
    'token-url.ok': { text: 'La URL del token de Kiva {tokenUrl} respondió.' },
    'token-url.unreachable': {
      text: 'No se pudo llegar a {tokenUrl} ({reason}).',
      fix: 'Revise la URL del token de este entorno (pruebas, stage: https://auth.staging.kiva.org/oauth/token), la conexión a internet y cualquier proxy o cortafuegos entre aquí y Kiva.',
    },
    'token-url.failing': {
      text: '{tokenUrl} respondió {reason} en cada intento.',
      fix: 'El servidor de tokens de Kiva está ocupado o caído: inténtelo más tarde; si sigue así, envíe este informe al soporte de Kiva.',
    },
    'token-url.not-kiva': {
      text: '{tokenUrl} respondió, pero no con un token de Kiva ({detail}).',
      fix: 'Compruebe que la URL del token es la de Kiva: puede que un portal de acceso o un proxy responda en su lugar.',
    },
    'credentials.ok': { text: 'Kiva aceptó el client id y el secreto.' },
    'credentials.refused': {
      text: 'Kiva rechazó el client id o el secreto (HTTP {status}: «{description}»).',
      fix: 'Cópielos de nuevo desde PA2 → Account → API Access, para este entorno: pruebas (stage) y producción tienen pares distintos.',
    },
    'audience.ok': { text: 'Kiva aceptó la audiencia {audience}.' },
    'audience.refused': {
      text: 'Kiva rechazó la audiencia {audience} (HTTP {status}: «{description}»).',
      fix: 'Ponga la audiencia que Kiva le dio para este entorno. Kiva documenta dos valores para pruebas (stage): {stageAudiences}.',
    },
    'partner-id.ok': { text: 'El token de Kiva indica el socio {partnerId}.' },
    'partner-id.missing': {
      text: 'El token de Kiva no indica ningún id de socio.',
      fix: 'Indique el id de socio en la configuración del servidor, o pida al soporte de Kiva que vincule estas credenciales a su institución.',
    },
    'scopes.all': { text: 'Concedidos: {granted}. Permiten {allowed}.' },
    'scopes.missing': {
      text: 'Concedidos: {granted} (permiten {allowed}). Faltan: {missing}, así que se rechazará {blocked}.',
      fix: 'Pida a Kiva que active los permisos que faltan para estas credenciales (PA2 → Account → API Access).',
    },
    'scopes.refused': {
      text: 'Kiva no concedió ningún permiso (HTTP {status}: «{description}»).',
      fix: 'Pida a Kiva que active los permisos para estas credenciales (PA2 → Account → API Access).',
    },
    'scopes.unsaid': {
      text: 'La respuesta de Kiva con el token no dice qué permisos concede; cada envío lo dirá.',
    },
    'lifetime.ok': { text: 'Un token dura {hours} h {minutes} min; Kiva Sheets lo renueva antes de que termine.' },
    'lifetime.short': {
      text: 'Un token dura solo {seconds} s (Kiva documenta unas 12 h).',
      fix: 'Compruebe que la URL del token es la de Kiva; si lo es, envíe este informe al soporte de Kiva.',
    },
    'lists.ok': {
      text: 'Leídas {activities} actividades, {themes} temas, {locations} ubicaciones y {locales} idiomas.',
    },
    'lists.empty': {
      text: 'Leídas {activities} actividades, {themes} temas, {locations} ubicaciones y {locales} idiomas: {empty} vacías.',
      fix: 'Pida a Kiva que configure en PA2 las listas vacías de su institución: los borradores de préstamo las necesitan.',
    },
    'lists.unreachable': {
      text: 'No se pudo llegar a la base de la API {apiBase}: {kiva}',
      fix: 'Revise la base de la API de este entorno (pruebas, stage: https://partnerapi.staging.kiva.org), la conexión y cualquier proxy o cortafuegos.',
    },
    'lists.not-kiva': {
      text: 'La base de la API {apiBase} respondió, pero no como Kiva: {kiva}',
      fix: 'Revise la URL de la base de la API: puede que un portal de acceso o un proxy responda en lugar de Kiva.',
    },
    'lists.failed': {
      text: 'No se pudieron leer las listas de configuración de {apiBase}: {kiva}',
      fix: 'Revise la base de la API de este entorno; si es correcta, envíe este informe al soporte de Kiva.',
    },
    'loans.ok': {
      text: { one: '{total} préstamo legible ({byStatus}).', other: '{total} préstamos legibles ({byStatus}).' },
    },
    'loans.failed': {
      text: 'No se pudieron leer los préstamos: {kiva}',
      fix: 'Compruebe que estas credenciales tienen read:loans; si lo tienen, envíe este informe al soporte de Kiva.',
    },
    'journal-route.known': { text: 'Las actualizaciones van a {routePath} (ruta encontrada por un envío anterior).' },
    'journal-route.unknown': {
      text: 'Aún no se conoce: el primer envío de actualizaciones prueba {routePath}, luego {otherPath} una vez si Kiva responde 404, y recuerda la que funciona.',
    },
    'kiva.failed': { text: '{kiva}', fix: 'Envíe este informe al soporte de Kiva.' },
    'not-checked.earlier': { text: 'No comprobado: primero hay que resolver el problema anterior.' },
    'not-checked.needs-scope': { text: 'No comprobado: necesita el permiso {scope}.' },
  },
  operations: {
    config: 'leer las listas',
    loans: 'leer préstamos',
    'loan-draft': 'crear borradores de préstamo',
    journals: 'publicar actualizaciones',
    repayments: 'reportar pagos',
  },
  lists: { activities: 'actividades', themes: 'temas', locations: 'ubicaciones', locales: 'idiomas' },
  none: 'ninguno',
  outcomes: {
    ok: 'Todo lo comprobado está bien.',
    problems: 'Problemas por resolver: {count}.',
    unreachable: 'No se pudo llegar a Kiva: resuelva eso primero.',
  },
};

const fr: DoctorCatalogue = {
  title: 'Vérification de la connexion de Kiva Sheets · Kiva {environment} · {checkedAt}',
  urls: 'URL du jeton {tokenUrl} · audience {audience} · base de l’API {apiBase}',
  version: 'Kiva Sheets {version}',
  checks: {
    'token-url': 'URL du jeton',
    credentials: 'Client id et secret',
    audience: 'Audience',
    'partner-id': 'Id de partenaire',
    scopes: 'Permissions',
    'token-lifetime': 'Durée du jeton',
    'config-lists': 'Listes de configuration',
    loans: 'Prêts',
    'journal-route': 'Route des mises à jour (journal)',
  },
  statuses: { ok: 'OK', problem: 'PROBLÈME', info: 'NOTE', 'not-checked': 'NON VÉRIFIÉ' },
  fix: 'Solution',
  colon: '\u00a0: ',
  codes: {
    'token-url.ok': { text: 'L’URL du jeton de Kiva {tokenUrl} a répondu.' },
    'token-url.unreachable': {
      text: 'Impossible de joindre {tokenUrl} ({reason}).',
      fix: 'Vérifiez l’URL du jeton de cet environnement (test, stage\u00a0: https://auth.staging.kiva.org/oauth/token), la connexion à internet et tout proxy ou pare-feu entre ici et Kiva.',
    },
    'token-url.failing': {
      text: '{tokenUrl} a répondu {reason} à chaque essai.',
      fix: 'Le serveur de jetons de Kiva est occupé ou arrêté\u00a0: réessayez plus tard\u202f; si cela dure, envoyez ce rapport au support de Kiva.',
    },
    'token-url.not-kiva': {
      text: '{tokenUrl} a répondu, mais pas avec un jeton de Kiva ({detail}).',
      fix: 'Vérifiez que l’URL du jeton est celle de Kiva\u00a0: un portail de connexion ou un proxy répond peut-être à sa place.',
    },
    'credentials.ok': { text: 'Kiva a accepté le client id et le secret.' },
    'credentials.refused': {
      text: 'Kiva a refusé le client id ou le secret (HTTP {status}\u00a0: «\u00a0{description}\u00a0»).',
      fix: 'Copiez-les à nouveau depuis PA2 → Account → API Access, pour cet environnement\u00a0: test (stage) et production ont des paires différentes.',
    },
    'audience.ok': { text: 'Kiva a accepté l’audience {audience}.' },
    'audience.refused': {
      text: 'Kiva a refusé l’audience {audience} (HTTP {status}\u00a0: «\u00a0{description}\u00a0»).',
      fix: 'Indiquez l’audience que Kiva vous a donnée pour cet environnement. Kiva documente deux valeurs pour le test (stage)\u00a0: {stageAudiences}.',
    },
    'partner-id.ok': { text: 'Le jeton de Kiva désigne le partenaire {partnerId}.' },
    'partner-id.missing': {
      text: 'Le jeton de Kiva ne désigne aucun id de partenaire.',
      fix: 'Indiquez l’id de partenaire dans les réglages du serveur, ou demandez au support de Kiva de lier ces identifiants à votre institution.',
    },
    'scopes.all': { text: 'Accordées\u00a0: {granted}. Elles permettent de {allowed}.' },
    'scopes.missing': {
      text: 'Accordées\u00a0: {granted} (elles permettent de {allowed}). Manquantes\u00a0: {missing}, donc {blocked} sera refusé.',
      fix: 'Demandez à Kiva d’activer les permissions manquantes pour ces identifiants (PA2 → Account → API Access).',
    },
    'scopes.refused': {
      text: 'Kiva n’a accordé aucune permission (HTTP {status}\u00a0: «\u00a0{description}\u00a0»).',
      fix: 'Demandez à Kiva d’activer les permissions pour ces identifiants (PA2 → Account → API Access).',
    },
    'scopes.unsaid': {
      text: 'La réponse de Kiva avec le jeton ne dit pas quelles permissions elle accorde\u202f; chaque envoi le dira.',
    },
    'lifetime.ok': { text: 'Un jeton dure {hours} h {minutes} min\u202f; Kiva Sheets le renouvelle avant la fin.' },
    'lifetime.short': {
      text: 'Un jeton ne dure que {seconds} s (Kiva documente environ 12 h).',
      fix: 'Vérifiez que l’URL du jeton est celle de Kiva\u202f; si c’est le cas, envoyez ce rapport au support de Kiva.',
    },
    'lists.ok': {
      text: '{activities} activités, {themes} thèmes, {locations} lieux et {locales} langues lus.',
    },
    'lists.empty': {
      text: '{activities} activités, {themes} thèmes, {locations} lieux et {locales} langues lus\u00a0: {empty} vides.',
      fix: 'Demandez à Kiva de configurer dans PA2 les listes vides de votre institution\u00a0: les brouillons de prêt en ont besoin.',
    },
    'lists.unreachable': {
      text: 'Impossible de joindre la base de l’API {apiBase}\u00a0: {kiva}',
      fix: 'Vérifiez la base de l’API de cet environnement (test, stage\u00a0: https://partnerapi.staging.kiva.org), la connexion et tout proxy ou pare-feu.',
    },
    'lists.not-kiva': {
      text: 'La base de l’API {apiBase} a répondu, mais pas comme Kiva\u00a0: {kiva}',
      fix: 'Vérifiez l’URL de la base de l’API\u00a0: un portail de connexion ou un proxy répond peut-être à la place de Kiva.',
    },
    'lists.failed': {
      text: 'Les listes de configuration n’ont pas pu être lues sur {apiBase}\u00a0: {kiva}',
      fix: 'Vérifiez la base de l’API de cet environnement\u202f; si elle est juste, envoyez ce rapport au support de Kiva.',
    },
    'loans.ok': { text: { one: '{total} prêt lisible ({byStatus}).', other: '{total} prêts lisibles ({byStatus}).' } },
    'loans.failed': {
      text: 'Les prêts n’ont pas pu être lus\u00a0: {kiva}',
      fix: 'Vérifiez que ces identifiants ont read:loans\u202f; si c’est le cas, envoyez ce rapport au support de Kiva.',
    },
    'journal-route.known': { text: 'Les mises à jour vont à {routePath} (route trouvée par un envoi précédent).' },
    'journal-route.unknown': {
      text: 'Pas encore connue\u00a0: le premier envoi de mises à jour essaie {routePath}, puis {otherPath} une fois si Kiva répond 404, et retient celle qui marche.',
    },
    'kiva.failed': { text: '{kiva}', fix: 'Envoyez ce rapport au support de Kiva.' },
    'not-checked.earlier': { text: 'Non vérifié\u00a0: le problème ci-dessus passe d’abord.' },
    'not-checked.needs-scope': { text: 'Non vérifié\u00a0: il faut la permission {scope}.' },
  },
  operations: {
    config: 'lire les listes',
    loans: 'lire les prêts',
    'loan-draft': 'créer des brouillons de prêt',
    journals: 'publier des mises à jour (journal)',
    repayments: 'déclarer des remboursements',
  },
  lists: { activities: 'activités', themes: 'thèmes', locations: 'lieux', locales: 'langues' },
  none: 'aucune',
  outcomes: {
    ok: 'Tout ce qui a été vérifié est en ordre.',
    problems: 'Problèmes à corriger\u00a0: {count}.',
    unreachable: 'Kiva n’a pas pu être joint\u00a0: corrigez cela d’abord.',
  },
};

const CATALOGUES: Record<MessageLanguage, DoctorCatalogue> = { en, es, fr };

/** The report's words in one language (English for any other). */
export function doctorCatalogue(lang: MessageLanguage | string): DoctorCatalogue {
  return lang === 'es' || lang === 'fr' ? CATALOGUES[lang] : en;
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  });
}

/** One line of the report, worded. */
export interface DoctorLineText {
  check: DoctorCheck;
  status: DoctorStatus;
  label: string;
  statusWord: string;
  text: string;
  fix?: string;
}

export function doctorLineText(line: DoctorLine, lang: MessageLanguage | string = 'en'): DoctorLineText {
  const cat = doctorCatalogue(lang);
  const list = (items: string[]): string =>
    items.length === 0 ? cat.none : new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items);
  const words = (value: string | number | undefined): string[] =>
    String(value ?? '')
      .split(' ')
      .filter(Boolean);
  const errorParams = line.error?.params ?? {};
  const params: Record<string, string | number> = {
    ...errorParams,
    ...line.params,
    // `auth.token-refused` calls Kiva's words `message`; every other token refusal `description`.
    description: errorParams.description ?? errorParams.message ?? '',
    kiva: line.error !== undefined ? formatKivaError(line.error, lang) : '',
  };
  if (line.check === 'scopes') {
    params.granted = list(words(line.params.granted));
    params.missing = list(words(line.params.missing));
    params.allowed = list(words(line.params.allowed).map((op) => cat.operations[op as KivaOperation] ?? op));
    params.blocked = list(words(line.params.blocked).map((op) => cat.operations[op as KivaOperation] ?? op));
  }
  if (line.code === 'lists.empty') {
    params.empty = list(
      words(line.params.empty).map((name) => cat.lists[name as keyof DoctorCatalogue['lists']] ?? name),
    );
  }
  if (line.check === 'journal-route') {
    const partnerId = line.params.partnerId !== undefined ? String(line.params.partnerId) : undefined;
    params.routePath = routePath(String(line.params.route), partnerId);
    params.otherPath = routePath(String(line.params.other ?? ''), partnerId);
  }
  const code = cat.codes[line.code];
  return {
    check: line.check,
    status: line.status,
    label: cat.checks[line.check],
    statusWord: cat.statuses[line.status],
    text: fill(pluralText(lang, code.text, Number(params.total ?? 0)), params),
    ...(line.status === 'problem' && code.fix !== undefined ? { fix: fill(code.fix, params) } : {}),
  };
}

/** `POST /v3/partner/145/journals`, or with `{partnerId}` left in when the token named none. */
function routePath(variant: string, partnerId: string | undefined): string {
  const preset = variant === 'documented' || variant === 'sample' ? JOURNAL_VARIANTS[variant] : undefined;
  if (preset === undefined) return '';
  return `POST ${partnerId !== undefined ? preset.path.replace('{partnerId}', partnerId) : preset.path}`;
}

export function doctorHeading(report: DoctorReport, lang: MessageLanguage | string = 'en'): string {
  const environment = environmentName(report.environment.name, lang);
  return fill(doctorCatalogue(lang).title, { environment, checkedAt: report.checkedAt });
}

export function doctorOutcomeText(report: DoctorReport, lang: MessageLanguage | string = 'en'): string {
  const count = report.lines.filter((line) => line.status === 'problem').length;
  return fill(doctorCatalogue(lang).outcomes[report.outcome], { count });
}

/**
 * The whole report as plain text, for a terminal and for Kiva support: the environment's three URLs (no client id,
 * no secret, no token), one line per check with its fix under it, and the outcome.
 */
export function doctorText(
  report: DoctorReport,
  lang: MessageLanguage | string = 'en',
  extra: { version?: string } = {},
): string {
  const cat = doctorCatalogue(lang);
  const out = [doctorHeading(report, lang)];
  if (extra.version !== undefined) out.push(fill(cat.version, { version: extra.version }));
  out.push(fill(cat.urls, report.environment), '');
  for (const line of report.lines) {
    const worded = doctorLineText(line, lang);
    out.push(`[${worded.statusWord}] ${worded.label}${cat.colon}${worded.text}`);
    if (worded.fix !== undefined) out.push(`    ${cat.fix}${cat.colon}${worded.fix}`);
  }
  out.push('', doctorOutcomeText(report, lang));
  return `${out.join('\n')}\n`;
}
