/**
 * The sentences of the app layer in English, Spanish and French: run-level errors, Kiva's errors (src/kiva words
 * them in English only, for logs), notices after a run and photo problems. Issues at cells are worded by
 * src/sheet's catalogues.
 */
import type { KivaError, KivaErrorCode } from '../kiva';
import { environmentName, pluralText, type MessageLanguage, type PluralText } from '../sheet';
import type { AppError, AppErrorCode } from './errors';
import { fileProblemTemplate } from './file-problems';
import type { KivaLoansProblem } from './kiva-loans-sheet';
import type { PhotoProblem } from './ports';
import type { IdleReason } from './sheet-summary';

export type NoticeCode =
  | 'no-sheet-recognised'
  /** recognition: the sheet asked for is the Kiva loans sheet, which is never data (said before no-sheet-recognised). */
  | 'kiva-loans-not-data'
  | 'uncertain-skipped'
  | 'already-sent-skipped'
  | 'journals-to-confirm'
  | 'nothing-to-send'
  /** A sheet of the run contributes no request: `why` says why (worded from `idle`). */
  | 'sheet-sends-nothing'
  /** Rows of a repayment report with an empty amount: no repayment this period, not sent, not errors. */
  | 'no-repayment-rows'
  /** A CSV file that is not UTF-8 was read (and is written back) in the encoding its bytes fit: Windows-1252. */
  | 'file-encoding-assumed'
  /** recognition: repayments and journals were checked against the partner's loans Kiva listed at `time`. */
  | 'portfolio-checked'
  /**
   * recognition: the same, when the loans that take repayments (paying back, defaulted) were enough: every loan
   * checked was among them, so the other statuses were not read.
   */
  | 'portfolio-checked-repaying'
  /**
   * recognition: the loans could not be read (offline, no credentials…) and the workbook has no Kiva loans sheet:
   * rows were not checked against them.
   */
  | 'portfolio-unavailable'
  /** recognition: Kiva out of reach, the rows were checked against the workbook's Kiva loans sheet instead. */
  | 'portfolio-from-sheet'
  /** recognition: that sheet is older than KIVA_LOANS_MAX_AGE_DAYS (`count`: its age in days). */
  | 'portfolio-sheet-old'
  /** recognition: Kiva out of reach and the Kiva loans sheet damaged (`problem`, worded by kivaLoansProblems). */
  | 'portfolio-sheet-unusable'
  // ledger: what the delivery ledger held back or repaired in this run.
  | 'ledger-sent'
  | 'ledger-changed'
  | 'ledger-uncertain'
  | 'ledger-busy'
  // ledger: validate and preview, which send nothing: what a send would do with the rows the ledger knows.
  | 'ledger-known-sent'
  | 'ledger-known-changed'
  | 'ledger-known-uncertain'
  | 'ledger-known-busy'
  | 'report-period';

/** Something a user should know after a run that is not about one cell. */
export interface Notice {
  code: NoticeCode;
  params: Record<string, string | number>;
}

interface AppCatalogue {
  errors: Record<AppErrorCode, string>;
  kiva: Record<KivaErrorCode, string>;
  /** With a `count` param, a notice has a singular and a plural (src/sheet's pluralForm chooses). */
  notices: Record<NoticeCode, string | PluralText>;
  photos: Record<PhotoProblem, string>;
  /** recognition: why the Kiva loans sheet cannot be used (kiva-loans-sheet.ts), inside portfolio-sheet-unusable. */
  kivaLoansProblems: Record<KivaLoansProblem['code'], string>;
  /** Why a sheet sends nothing (see sheet-summary.ts). */
  idle: Record<IdleReason, string>;
  borrowerName: string;
  /** The name of a new repayments template sheet. */
  templateSheet: string;
  /** Its headers (the borrower name is `borrowerName`), each one src/sheet recognises. */
  templateHeaders: { loanId: string; clientId: string; amount: string };
}

const en: AppCatalogue = {
  errors: {
    'production-not-confirmed': 'Sending to Kiva production needs your explicit confirmation; nothing was sent.',
    kiva: 'Kiva could not be reached or refused the request.',
    'kiva-not-configured': 'No Kiva credentials are configured: {detail}',
    'lists-unavailable':
      'The Kiva lists (activities, themes, locations, languages) are needed to turn names into ids and could not be loaded: {detail}',
    'kind-undecided': 'What sheet “{sheet}” holds is not decided ({detail}); nothing was sent or written.',
    'sheet-not-found': 'There is no sheet named “{sheet}” (sheets: {sheets}).',
    'workbook-unreadable': 'The workbook could not be read: {detail}',
    'workbook-damaged':
      '{file} is damaged and was not read ({part}: {problem}). Nothing was sent. Open it in Excel and save it again, or ask for a fresh copy.',
    'workbook-refused': '{file} was not read ({part}): {problem}. Nothing was sent.',
    'workbook-write-failed': 'The workbook could not be written: {detail}',
    'not-supported': 'Not possible here: {detail}',
  },
  kiva: {
    'auth.bad-credentials':
      'Kiva refused the client id or secret at {tokenUrl} (HTTP {status}): {description}. Check the credentials for this environment.',
    'auth.audience-refused':
      'Kiva refused the audience {audience} at {tokenUrl} (HTTP {status}): {description}. Check the audience (Kiva documents two stage values: {stageAudiences}).',
    'auth.scope-refused':
      'Kiva refused to grant the permissions {scopes} at {tokenUrl} (HTTP {status}): {description}. Ask Kiva to enable them for these credentials (PA2 → Account → API Access).',
    'auth.token-refused': 'Kiva refused to issue a token (HTTP {status}): {message}',
    'auth.token-unavailable': 'Could not get a token from {tokenUrl}: {reason}',
    'auth.bad-token-response': 'The token answer from {tokenUrl} could not be read: {detail}',
    'auth.no-partner-id': 'The token answer from {tokenUrl} carries no partner id.',
    'auth.unauthorized': 'Kiva refused the token even after renewing it (HTTP 401): {message}',
    'auth.missing-scope': 'The credentials lack the permission {scope} (granted: {granted}).',
    'auth.forbidden': 'Kiva refused access (HTTP 403) even with a fresh token; permission needed: {scope}. {message}',
    'kiva.unavailable': 'Kiva was busy or unavailable (HTTP {status}) on every attempt; nothing was applied.',
    'kiva.rejected': 'Kiva rejected the request (HTTP {status}): {message}',
    'kiva.server-error': 'Kiva answered with a server error (HTTP {status}): {message}',
    'kiva.bad-response': 'Kiva answered something that could not be read: {detail}',
    'network.unreachable': 'Could not connect to Kiva ({detail}); nothing was sent.',
    'network.timeout': 'Kiva did not answer within {timeoutMs} ms.',
    'network.connection-lost': 'The connection to Kiva was lost: {detail}',
    'request.cancelled': 'Cancelled.',
    'config.invalid-environment': 'The environment setting {field} is invalid: “{value}”.',
    'config.out-of-range': 'The setting {setting} must be between {min} and {max} (got {value}).',
  },
  notices: {
    'kiva-loans-not-data':
      '“{sheet}” is the Kiva loans sheet: the list loan ids are checked against when Kiva cannot be reached. It is never checked or sent itself; check your repayment report or journals sheet instead.',
    'no-sheet-recognised':
      'No sheet was recognised as loans, repayments or journals: name the columns as in the template (loan_id, amount…), or choose the sheet and its kind.',
    'uncertain-skipped': {
      one: '{count} row is Uncertain ({rows}): Kiva may have received it. Check it in PA2 first; resend it only if it is missing.',
      other:
        '{count} rows are Uncertain ({rows}): Kiva may have received them. Check them in PA2 first; resend only those that are missing.',
    },
    'already-sent-skipped': {
      one: '{count} row was already sent to {environment} and was skipped.',
      other: '{count} rows were already sent to {environment} and were skipped.',
    },
    'journals-to-confirm': {
      one: '{count} journal update must now be confirmed in PA2 (its link is in its row).',
      other: '{count} journal updates must now be confirmed in PA2 (one link per row).',
    },
    'sheet-sends-nothing': 'Sheet “{sheet}” ({detail}) sends nothing: {why}.',
    'no-repayment-rows': {
      one: 'Sheet “{sheet}”: {count} row has no amount: no repayment this period, not sent.',
      other: 'Sheet “{sheet}”: {count} rows have no amount: no repayment this period, not sent.',
    },
    // ledger
    'ledger-sent':
      '{count} rows were already sent to {environment} (the delivery ledger knows them): not sent again, their status now says Sent.',
    'ledger-changed':
      '{count} rows changed since they were sent ({rows}): not sent. Correct them in PA2, or send them again with Resend.',
    'ledger-uncertain':
      '{count} rows may already be at Kiva from an earlier send without a sure answer ({rows}): Uncertain — check them in PA2.',
    'ledger-busy': '{count} rows are being sent right now by another run ({rows}): skipped, not sent twice.',
    'ledger-known-sent': {
      one: '{count} row was already sent to {environment} (the delivery ledger knows it: {rows}): a send leaves it out; its status is Sent.',
      other:
        '{count} rows were already sent to {environment} (the delivery ledger knows them: {rows}): a send leaves them out; their status is Sent.',
    },
    'ledger-known-changed': {
      one: '{count} row changed since it was sent ({rows}): a send leaves it out. Correct it in PA2, or send it again with Resend.',
      other:
        '{count} rows changed since they were sent ({rows}): a send leaves them out. Correct them in PA2, or send them again with Resend.',
    },
    'ledger-known-uncertain': {
      one: '{count} row may already be at Kiva from an earlier send without a sure answer ({rows}): Uncertain — check it in PA2; a send leaves it out.',
      other:
        '{count} rows may already be at Kiva from an earlier send without a sure answer ({rows}): Uncertain — check them in PA2; a send leaves them out.',
    },
    'ledger-known-busy': {
      one: '{count} row is being sent right now by another run ({rows}): a send leaves it out.',
      other: '{count} rows are being sent right now by another run ({rows}): a send leaves them out.',
    },
    'report-period': 'Repayment report period: {period}.',
    'nothing-to-send': 'Nothing to send: no valid row is waiting.',
    'file-encoding-assumed':
      'File “{file}” is not UTF-8 text: it was read as {encoding}, as Excel saves “CSV” on Windows, and is written back the same way.',
    // recognition: the portfolio check.
    'portfolio-checked':
      'Loan ids checked against the loans Kiva lists for your partner account ({loans} in all, read {time}).',
    'portfolio-checked-repaying':
      'Loan ids checked against the loans Kiva lists for your partner account as paying back or defaulted ({loans}, read {time}): every loan checked is one of them.',
    'portfolio-unavailable':
      'Loan ids were not checked against your loans at Kiva, which could not be read ({detail}), and this workbook has no Kiva loans sheet to check them against instead (Create repayment template on the Tools tab, or kiva-sheets loans --out, writes one). Kiva will still check them when they are sent.',
    'portfolio-from-sheet': {
      one: 'Your loans at Kiva could not be read ({detail}): loan ids were checked against the “{sheet}” sheet instead ({count} loan, read {time}).',
      other:
        'Your loans at Kiva could not be read ({detail}): loan ids were checked against the “{sheet}” sheet instead ({count} loans, read {time}).',
    },
    'portfolio-sheet-old': {
      one: 'The “{sheet}” sheet is {count} day old (read {time}): loans added, ended or refunded since are not in it. Write it again when Kiva can be reached (Create repayment template, or kiva-sheets loans --out).',
      other:
        'The “{sheet}” sheet is {count} days old (read {time}): loans added, ended or refunded since are not in it. Write it again when Kiva can be reached (Create repayment template, or kiva-sheets loans --out).',
    },
    'portfolio-sheet-unusable':
      'Loan ids were not checked against your loans at Kiva, which could not be read ({detail}), and the “{sheet}” sheet cannot be used instead: {problem}. Write it again when Kiva can be reached (Create repayment template, or kiva-sheets loans --out). Kiva will still check the loan ids when they are sent.',
  },
  photos: {
    'not-found': 'file not found',
    'too-large': 'file too large',
    'not-image': 'not a JPEG or PNG image',
    'outside-folder': 'photos must be in the workbook’s folder',
    unreadable: 'the file could not be read',
  },
  kivaLoansProblems: {
    empty: 'it lists no loan',
    columns: 'its first row lacks the columns {columns}',
    status: '{cell} gives no status for its loan',
    time: '{cell} does not hold the time the loans were read (written as 2026-12-02T19:03:00.000Z)',
  },
  idle: {
    'kind-ask': 'choose its kind first',
    'header-error': 'a required column is missing or repeated (see the first cell of the sheet)',
    'no-rows': 'it has no rows under its headers',
    'all-invalid': 'every row has an error',
    'all-skipped': 'every row was already sent, is Uncertain, hidden or outside the selection',
    'schedule-only': 'a schedule is sent with the loans of a loans sheet, and no loans sheet is part of this run',
    'no-repayment': 'no amount is filled in',
  },
  borrowerName: 'Borrower name',
  templateSheet: 'Repayments',
  templateHeaders: { loanId: 'Loan ID', clientId: 'Client ID', amount: 'Amount' },
};

const es: AppCatalogue = {
  errors: {
    'production-not-confirmed': 'Enviar a Kiva producción requiere su confirmación explícita; no se envió nada.',
    kiva: 'No se pudo contactar a Kiva o Kiva rechazó la solicitud.',
    'kiva-not-configured': 'No hay credenciales de Kiva configuradas: {detail}',
    'lists-unavailable':
      'Se necesitan las listas de Kiva (actividades, temas, ubicaciones, idiomas) para convertir nombres en ids y no se pudieron cargar: {detail}',
    'kind-undecided': 'No está decidido qué contiene la hoja «{sheet}» ({detail}); no se envió ni escribió nada.',
    'sheet-not-found': 'No hay ninguna hoja llamada «{sheet}» (hojas: {sheets}).',
    'workbook-unreadable': 'No se pudo leer el libro: {detail}',
    'workbook-damaged':
      '{file} está dañado y no se leyó ({part}: {problem}). No se envió nada. Ábralo en Excel y guárdelo de nuevo, o pida una copia nueva.',
    'workbook-refused': '{file} no se leyó ({part}): {problem}. No se envió nada.',
    'workbook-write-failed': 'No se pudo escribir el libro: {detail}',
    'not-supported': 'No es posible aquí: {detail}',
  },
  kiva: {
    'auth.bad-credentials':
      'Kiva rechazó el client id o el secreto en {tokenUrl} (HTTP {status}): {description}. Revise las credenciales de este entorno.',
    'auth.audience-refused':
      'Kiva rechazó la audiencia {audience} en {tokenUrl} (HTTP {status}): {description}. Revise la audiencia (Kiva documenta dos valores para pruebas (stage): {stageAudiences}).',
    'auth.scope-refused':
      'Kiva se negó a conceder los permisos {scopes} en {tokenUrl} (HTTP {status}): {description}. Pida a Kiva que los active para estas credenciales (PA2 → Account → API Access).',
    'auth.token-refused': 'Kiva se negó a emitir un token (HTTP {status}): {message}',
    'auth.token-unavailable': 'No se pudo obtener un token de {tokenUrl}: {reason}',
    'auth.bad-token-response': 'No se pudo leer la respuesta de {tokenUrl} con el token: {detail}',
    'auth.no-partner-id': 'La respuesta de {tokenUrl} con el token no trae el id de socio.',
    'auth.unauthorized': 'Kiva rechazó el token incluso después de renovarlo (HTTP 401): {message}',
    'auth.missing-scope': 'A las credenciales les falta el permiso {scope} (concedidos: {granted}).',
    'auth.forbidden':
      'Kiva negó el acceso (HTTP 403) incluso con un token nuevo; permiso necesario: {scope}. {message}',
    'kiva.unavailable': 'Kiva estuvo ocupado o no disponible (HTTP {status}) en cada intento; no se aplicó nada.',
    'kiva.rejected': 'Kiva rechazó la solicitud (HTTP {status}): {message}',
    'kiva.server-error': 'Kiva respondió con un error del servidor (HTTP {status}): {message}',
    'kiva.bad-response': 'Kiva respondió algo que no se pudo leer: {detail}',
    'network.unreachable': 'No se pudo conectar con Kiva ({detail}); no se envió nada.',
    'network.timeout': 'Kiva no respondió en {timeoutMs} ms.',
    'network.connection-lost': 'Se perdió la conexión con Kiva: {detail}',
    'request.cancelled': 'Cancelado.',
    'config.invalid-environment': 'El ajuste de entorno {field} no es válido: «{value}».',
    'config.out-of-range': 'El ajuste {setting} debe estar entre {min} y {max} (se recibió {value}).',
  },
  notices: {
    'kiva-loans-not-data':
      '«{sheet}» es la hoja Kiva loans: la lista con la que se verifican los ID de préstamo cuando no se puede contactar a Kiva. Ella misma nunca se revisa ni se envía; revise su reporte de pagos o su hoja de actualizaciones.',
    'no-sheet-recognised':
      'Ninguna hoja se reconoció como préstamos, pagos o actualizaciones: nombre las columnas como en la plantilla (loan_id, amount…) o elija la hoja y su tipo.',
    'uncertain-skipped': {
      one: '{count} fila está en Incierto ({rows}): Kiva puede haberla recibido. Revísela primero en PA2; reenvíela solo si falta.',
      other:
        '{count} filas están en Incierto ({rows}): Kiva puede haberlas recibido. Revíselas primero en PA2; reenvíe solo las que falten.',
    },
    'already-sent-skipped': {
      one: '{count} fila ya se había enviado a {environment} y se omitió.',
      other: '{count} filas ya se habían enviado a {environment} y se omitieron.',
    },
    'journals-to-confirm': {
      one: '{count} actualización debe confirmarse ahora en PA2 (su enlace está en su fila).',
      other: '{count} actualizaciones deben confirmarse ahora en PA2 (un enlace por fila).',
    },
    'sheet-sends-nothing': 'La hoja «{sheet}» ({detail}) no envía nada: {why}.',
    'no-repayment-rows': {
      one: 'Hoja «{sheet}»: {count} fila no tiene monto: sin pago en este período, no se envía.',
      other: 'Hoja «{sheet}»: {count} filas no tienen monto: sin pago en este período, no se envían.',
    },
    // ledger
    'ledger-sent':
      '{count} filas ya se enviaron a {environment} (el registro de envíos las conoce): no se reenvían, su estado dice ahora Enviado.',
    'ledger-changed':
      '{count} filas cambiaron desde su envío ({rows}): no se envían. Corríjalas en PA2 o envíelas de nuevo con Reenviar.',
    'ledger-uncertain':
      '{count} filas pueden estar ya en Kiva por un envío anterior sin respuesta segura ({rows}): Incierto — revíselas en PA2.',
    'ledger-busy': '{count} filas las está enviando ahora otra ejecución ({rows}): se omiten, no se envían dos veces.',
    'ledger-known-sent': {
      one: '{count} fila ya se envió a {environment} (el registro de envíos la conoce: {rows}): un envío la omite; su estado es Enviado.',
      other:
        '{count} filas ya se enviaron a {environment} (el registro de envíos las conoce: {rows}): un envío las omite; su estado es Enviado.',
    },
    'ledger-known-changed': {
      one: '{count} fila cambió desde su envío ({rows}): un envío la omite. Corríjala en PA2 o envíela de nuevo con Reenviar.',
      other:
        '{count} filas cambiaron desde su envío ({rows}): un envío las omite. Corríjalas en PA2 o envíelas de nuevo con Reenviar.',
    },
    'ledger-known-uncertain': {
      one: '{count} fila puede estar ya en Kiva por un envío anterior sin respuesta segura ({rows}): Incierto — revísela en PA2; un envío la omite.',
      other:
        '{count} filas pueden estar ya en Kiva por un envío anterior sin respuesta segura ({rows}): Incierto — revíselas en PA2; un envío las omite.',
    },
    'ledger-known-busy': {
      one: '{count} fila la está enviando ahora otra ejecución ({rows}): un envío la omite.',
      other: '{count} filas las está enviando ahora otra ejecución ({rows}): un envío las omite.',
    },
    'report-period': 'Período del reporte de pagos: {period}.',
    'nothing-to-send': 'Nada que enviar: ninguna fila válida está pendiente.',
    'file-encoding-assumed':
      'El archivo «{file}» no es texto UTF-8: se leyó como {encoding}, como Excel guarda el «CSV» en Windows, y se escribe de la misma manera.',
    // recognition: the portfolio check.
    'portfolio-checked':
      'ID de préstamo verificados con los préstamos que Kiva tiene para su institución ({loans} en total, leídos el {time}).',
    'portfolio-checked-repaying':
      'ID de préstamo verificados con los préstamos que Kiva tiene para su institución en reembolso o en mora ({loans}, leídos el {time}): todos los préstamos verificados están entre ellos.',
    'portfolio-unavailable':
      'Los ID de préstamo no se verificaron con sus préstamos en Kiva, que no se pudieron leer ({detail}), y este libro no tiene una hoja Kiva loans con la que verificarlos en su lugar (la escribe Crear plantilla de pagos en la pestaña Herramientas, o kiva-sheets loans --out). Kiva los verificará igualmente al enviarlos.',
    'portfolio-from-sheet': {
      one: 'Sus préstamos en Kiva no se pudieron leer ({detail}): los ID de préstamo se verificaron con la hoja «{sheet}» en su lugar ({count} préstamo, leído el {time}).',
      other:
        'Sus préstamos en Kiva no se pudieron leer ({detail}): los ID de préstamo se verificaron con la hoja «{sheet}» en su lugar ({count} préstamos, leídos el {time}).',
    },
    'portfolio-sheet-old': {
      one: 'La hoja «{sheet}» tiene {count} día (leída el {time}): los préstamos agregados, terminados o reembolsados desde entonces no están en ella. Escríbala de nuevo cuando se pueda contactar a Kiva (Crear plantilla de pagos, o kiva-sheets loans --out).',
      other:
        'La hoja «{sheet}» tiene {count} días (leída el {time}): los préstamos agregados, terminados o reembolsados desde entonces no están en ella. Escríbala de nuevo cuando se pueda contactar a Kiva (Crear plantilla de pagos, o kiva-sheets loans --out).',
    },
    'portfolio-sheet-unusable':
      'Los ID de préstamo no se verificaron con sus préstamos en Kiva, que no se pudieron leer ({detail}), y la hoja «{sheet}» no sirve en su lugar: {problem}. Escríbala de nuevo cuando se pueda contactar a Kiva (Crear plantilla de pagos, o kiva-sheets loans --out). Kiva verificará igualmente los ID al enviarlos.',
  },
  photos: {
    'not-found': 'archivo no encontrado',
    'too-large': 'archivo demasiado grande',
    'not-image': 'no es una imagen JPEG ni PNG',
    'outside-folder': 'las fotos deben estar en la carpeta del libro',
    unreadable: 'no se pudo leer el archivo',
  },
  kivaLoansProblems: {
    empty: 'no tiene ningún préstamo',
    columns: 'a su primera fila le faltan las columnas {columns}',
    status: '{cell} no da el estado de su préstamo',
    time: '{cell} no tiene la hora en que se leyeron los préstamos (escrita como 2026-12-02T19:03:00.000Z)',
  },
  idle: {
    'kind-ask': 'elija primero su tipo',
    'header-error': 'falta una columna obligatoria o está repetida (vea la primera celda de la hoja)',
    'no-rows': 'no tiene filas bajo los encabezados',
    'all-invalid': 'todas las filas tienen un error',
    'all-skipped': 'todas las filas ya se enviaron, están en Incierto, ocultas o fuera de la selección',
    'schedule-only':
      'un calendario se envía con los préstamos de una hoja de préstamos, y ninguna hoja de préstamos forma parte de este envío',
    'no-repayment': 'ningún monto está lleno',
  },
  borrowerName: 'Nombre del prestatario',
  templateSheet: 'Reembolsos',
  templateHeaders: { loanId: 'ID del préstamo', clientId: 'ID del cliente', amount: 'Monto' },
};

const fr: AppCatalogue = {
  errors: {
    'production-not-confirmed':
      'L’envoi vers Kiva production demande votre confirmation explicite\u202f; rien n’a été envoyé.',
    kiva: 'Kiva n’a pas pu être joint ou a refusé la requête.',
    'kiva-not-configured': 'Aucun identifiant Kiva n’est configuré\u00a0: {detail}',
    'lists-unavailable':
      'Les listes Kiva (activités, thèmes, lieux, langues) sont nécessaires pour changer les noms en ids et n’ont pas pu être chargées\u00a0: {detail}',
    'kind-undecided':
      'Le contenu de la feuille «\u00a0{sheet}\u00a0» n’est pas décidé ({detail})\u202f; rien n’a été envoyé ni écrit.',
    'sheet-not-found': 'Il n’y a pas de feuille nommée «\u00a0{sheet}\u00a0» (feuilles\u00a0: {sheets}).',
    'workbook-unreadable': 'Le classeur n’a pas pu être lu\u00a0: {detail}',
    'workbook-damaged':
      '{file} est endommagé et n’a pas été lu ({part}\u00a0: {problem}). Rien n’a été envoyé. Ouvrez-le dans Excel et enregistrez-le à nouveau, ou demandez-en une nouvelle copie.',
    'workbook-refused': '{file} n’a pas été lu ({part})\u00a0: {problem}. Rien n’a été envoyé.',
    'workbook-write-failed': 'Le classeur n’a pas pu être écrit\u00a0: {detail}',
    'not-supported': 'Impossible ici\u00a0: {detail}',
  },
  kiva: {
    'auth.bad-credentials':
      'Kiva a refusé le client id ou le secret sur {tokenUrl} (HTTP {status})\u00a0: {description}. Vérifiez les identifiants de cet environnement.',
    'auth.audience-refused':
      'Kiva a refusé l’audience {audience} sur {tokenUrl} (HTTP {status})\u00a0: {description}. Vérifiez l’audience (Kiva documente deux valeurs pour le test (stage)\u00a0: {stageAudiences}).',
    'auth.scope-refused':
      'Kiva a refusé d’accorder les permissions {scopes} sur {tokenUrl} (HTTP {status})\u00a0: {description}. Demandez à Kiva de les activer pour ces identifiants (PA2 → Account → API Access).',
    'auth.token-refused': 'Kiva a refusé d’émettre un jeton (HTTP {status})\u00a0: {message}',
    'auth.token-unavailable': 'Impossible d’obtenir un jeton de {tokenUrl}\u00a0: {reason}',
    'auth.bad-token-response': 'La réponse de {tokenUrl} avec le jeton est illisible\u00a0: {detail}',
    'auth.no-partner-id': 'La réponse de {tokenUrl} avec le jeton ne contient pas d’id de partenaire.',
    'auth.unauthorized': 'Kiva a refusé le jeton même après l’avoir renouvelé (HTTP 401)\u00a0: {message}',
    'auth.missing-scope': 'Il manque aux identifiants la permission {scope} (accordées\u00a0: {granted}).',
    'auth.forbidden':
      'Kiva a refusé l’accès (HTTP 403) même avec un jeton neuf\u202f; permission nécessaire\u00a0: {scope}. {message}',
    'kiva.unavailable':
      'Kiva était occupé ou indisponible (HTTP {status}) à chaque essai\u202f; rien n’a été appliqué.',
    'kiva.rejected': 'Kiva a rejeté la requête (HTTP {status})\u00a0: {message}',
    'kiva.server-error': 'Kiva a répondu par une erreur du serveur (HTTP {status})\u00a0: {message}',
    'kiva.bad-response': 'Kiva a répondu quelque chose d’illisible\u00a0: {detail}',
    'network.unreachable': 'Impossible de se connecter à Kiva ({detail})\u202f; rien n’a été envoyé.',
    'network.timeout': 'Kiva n’a pas répondu en {timeoutMs} ms.',
    'network.connection-lost': 'La connexion avec Kiva a été perdue\u00a0: {detail}',
    'request.cancelled': 'Annulé.',
    'config.invalid-environment': 'Le réglage d’environnement {field} est invalide\u00a0: «\u00a0{value}\u00a0».',
    'config.out-of-range': 'Le réglage {setting} doit être entre {min} et {max} (reçu {value}).',
  },
  notices: {
    'kiva-loans-not-data':
      '«\u00a0{sheet}\u00a0» est la feuille Kiva loans\u00a0: la liste avec laquelle les identifiants de prêt sont vérifiés quand Kiva est injoignable. Elle-même n’est jamais vérifiée ni envoyée\u202f; vérifiez plutôt votre rapport de remboursements ou votre feuille de mises à jour.',
    'no-sheet-recognised':
      'Aucune feuille n’a été reconnue comme prêts, remboursements ou mises à jour (journal)\u00a0: nommez les colonnes comme dans le modèle (loan_id, amount…), ou choisissez la feuille et son type.',
    'uncertain-skipped': {
      one: '{count} ligne est Incertaine ({rows})\u00a0: Kiva l’a peut-être reçue. Vérifiez-la d’abord dans PA2\u202f; ne la renvoyez que si elle manque.',
      other:
        '{count} lignes sont Incertaines ({rows})\u00a0: Kiva les a peut-être reçues. Vérifiez-les d’abord dans PA2\u202f; ne renvoyez que celles qui manquent.',
    },
    'already-sent-skipped': {
      one: '{count} ligne avait déjà été envoyée à {environment} et a été ignorée.',
      other: '{count} lignes avaient déjà été envoyées à {environment} et ont été ignorées.',
    },
    'journals-to-confirm': {
      one: '{count} mise à jour doit maintenant être confirmée dans PA2 (son lien est dans sa ligne).',
      other: '{count} mises à jour doivent maintenant être confirmées dans PA2 (un lien par ligne).',
    },
    'sheet-sends-nothing': 'La feuille «\u00a0{sheet}\u00a0» ({detail}) n’envoie rien\u00a0: {why}.',
    'no-repayment-rows': {
      one: 'Feuille «\u00a0{sheet}\u00a0»\u00a0: {count} ligne n’a pas de montant\u00a0: pas de remboursement sur cette période, non envoyée.',
      other:
        'Feuille «\u00a0{sheet}\u00a0»\u00a0: {count} lignes n’ont pas de montant\u00a0: pas de remboursement sur cette période, non envoyées.',
    },
    // ledger
    'ledger-sent':
      '{count} lignes avaient déjà été envoyées à {environment} (le registre des envois les connaît)\u00a0: non renvoyées, leur statut dit maintenant Envoyé.',
    'ledger-changed':
      '{count} lignes ont changé depuis leur envoi ({rows})\u00a0: non envoyées. Corrigez-les dans PA2, ou renvoyez-les avec Renvoyer.',
    'ledger-uncertain':
      '{count} lignes sont peut-être déjà chez Kiva après un envoi sans réponse sûre ({rows})\u00a0: Incertain — vérifiez-les dans PA2.',
    'ledger-busy':
      '{count} lignes sont en cours d’envoi par une autre exécution ({rows})\u00a0: ignorées, jamais envoyées deux fois.',
    'ledger-known-sent': {
      one: '{count} ligne a déjà été envoyée à {environment} (le registre des envois la connaît\u00a0: {rows})\u00a0: un envoi la laisse de côté\u202f; son statut est Envoyé.',
      other:
        '{count} lignes ont déjà été envoyées à {environment} (le registre des envois les connaît\u00a0: {rows})\u00a0: un envoi les laisse de côté\u202f; leur statut est Envoyé.',
    },
    'ledger-known-changed': {
      one: '{count} ligne a changé depuis son envoi ({rows})\u00a0: un envoi la laisse de côté. Corrigez-la dans PA2, ou renvoyez-la avec Renvoyer.',
      other:
        '{count} lignes ont changé depuis leur envoi ({rows})\u00a0: un envoi les laisse de côté. Corrigez-les dans PA2, ou renvoyez-les avec Renvoyer.',
    },
    'ledger-known-uncertain': {
      one: '{count} ligne est peut-être déjà chez Kiva après un envoi sans réponse sûre ({rows})\u00a0: Incertain — vérifiez-la dans PA2\u202f; un envoi la laisse de côté.',
      other:
        '{count} lignes sont peut-être déjà chez Kiva après un envoi sans réponse sûre ({rows})\u00a0: Incertain — vérifiez-les dans PA2\u202f; un envoi les laisse de côté.',
    },
    'ledger-known-busy': {
      one: '{count} ligne est en cours d’envoi par une autre exécution ({rows})\u00a0: un envoi la laisse de côté.',
      other:
        '{count} lignes sont en cours d’envoi par une autre exécution ({rows})\u00a0: un envoi les laisse de côté.',
    },
    'report-period': 'Période du rapport de remboursements\u00a0: {period}.',
    'nothing-to-send': 'Rien à envoyer\u00a0: aucune ligne valide n’est en attente.',
    'file-encoding-assumed':
      'Le fichier «\u00a0{file}\u00a0» n’est pas du texte UTF-8\u00a0: il a été lu comme {encoding}, comme Excel enregistre le «\u00a0CSV\u00a0» sous Windows, et il est réécrit de même.',
    // recognition: the portfolio check.
    'portfolio-checked':
      'Identifiants de prêt vérifiés avec les prêts que Kiva liste pour votre institution ({loans} en tout, lus le {time}).',
    'portfolio-checked-repaying':
      'Identifiants de prêt vérifiés avec les prêts que Kiva liste pour votre institution en remboursement ou en défaut ({loans}, lus le {time})\u00a0: tous les prêts vérifiés en font partie.',
    'portfolio-unavailable':
      'Les identifiants de prêt n’ont pas été vérifiés avec vos prêts chez Kiva, illisibles ({detail}), et ce classeur n’a pas de feuille Kiva loans pour les vérifier à la place (Créer le modèle de remboursements dans l’onglet Outils, ou kiva-sheets loans --out, en écrit une). Kiva les vérifiera quand même à l’envoi.',
    'portfolio-from-sheet': {
      one: 'Vos prêts chez Kiva n’ont pas pu être lus ({detail})\u00a0: les identifiants de prêt ont été vérifiés avec la feuille «\u00a0{sheet}\u00a0» à la place ({count} prêt, lu le {time}).',
      other:
        'Vos prêts chez Kiva n’ont pas pu être lus ({detail})\u00a0: les identifiants de prêt ont été vérifiés avec la feuille «\u00a0{sheet}\u00a0» à la place ({count} prêts, lus le {time}).',
    },
    'portfolio-sheet-old': {
      one: 'La feuille «\u00a0{sheet}\u00a0» date de {count} jour (lue le {time})\u00a0: les prêts ajoutés, terminés ou remboursés depuis n’y sont pas. Écrivez-la de nouveau quand Kiva sera joignable (Créer le modèle de remboursements, ou kiva-sheets loans --out).',
      other:
        'La feuille «\u00a0{sheet}\u00a0» date de {count} jours (lue le {time})\u00a0: les prêts ajoutés, terminés ou remboursés depuis n’y sont pas. Écrivez-la de nouveau quand Kiva sera joignable (Créer le modèle de remboursements, ou kiva-sheets loans --out).',
    },
    'portfolio-sheet-unusable':
      'Les identifiants de prêt n’ont pas été vérifiés avec vos prêts chez Kiva, illisibles ({detail}), et la feuille «\u00a0{sheet}\u00a0» ne peut pas servir à la place\u00a0: {problem}. Écrivez-la de nouveau quand Kiva sera joignable (Créer le modèle de remboursements, ou kiva-sheets loans --out). Kiva vérifiera quand même les identifiants à l’envoi.',
  },
  photos: {
    'not-found': 'fichier introuvable',
    'too-large': 'fichier trop volumineux',
    'not-image': 'ce n’est pas une image JPEG ou PNG',
    'outside-folder': 'les photos doivent être dans le dossier du classeur',
    unreadable: 'le fichier n’a pas pu être lu',
  },
  kivaLoansProblems: {
    empty: 'elle ne liste aucun prêt',
    columns: 'il manque à sa première ligne les colonnes {columns}',
    status: '{cell} ne donne pas le statut de son prêt',
    time: '{cell} ne contient pas l’heure à laquelle les prêts ont été lus (écrite comme 2026-12-02T19:03:00.000Z)',
  },
  idle: {
    'kind-ask': 'choisissez d’abord son type',
    'header-error': 'une colonne obligatoire manque ou est répétée (voir la première cellule de la feuille)',
    'no-rows': 'elle n’a aucune ligne sous ses en-têtes',
    'all-invalid': 'chaque ligne a une erreur',
    'all-skipped': 'chaque ligne a déjà été envoyée, est Incertaine, masquée ou hors de la sélection',
    'schedule-only':
      'un échéancier est envoyé avec les prêts d’une feuille de prêts, et aucune feuille de prêts ne fait partie de cet envoi',
    'no-repayment': 'aucun montant n’est rempli',
  },
  borrowerName: 'Nom de l’emprunteur',
  templateSheet: 'Remboursements',
  templateHeaders: { loanId: 'N° du prêt', clientId: 'N° du client', amount: 'Montant' },
};

const CATALOGUES: Record<MessageLanguage, AppCatalogue> = { en, es, fr };

export function appCatalogue(lang: MessageLanguage | string | undefined): AppCatalogue {
  return lang === 'es' || lang === 'fr' ? CATALOGUES[lang] : en;
}

const PLACEHOLDER = /\{(\w+)\}/g;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  });
}

export function formatKivaError(error: KivaError, lang: MessageLanguage | string = 'en'): string {
  return fill(appCatalogue(lang).kiva[error.code], error.params);
}

export function formatAppError(error: AppError, lang: MessageLanguage | string = 'en'): string {
  if (error.code === 'kiva' && error.cause !== undefined) return formatKivaError(error.cause, lang);
  const detail = error.cause !== undefined ? formatKivaError(error.cause, lang) : error.params.detail;
  const params: Record<string, string | number> = { ...error.params, detail: detail ?? '' };
  if (error.code === 'workbook-damaged' || error.code === 'workbook-refused') {
    params.problem = fill(
      fileProblemTemplate(lang, String(error.params.reason)) ?? String(error.params.reason),
      params,
    );
  }
  return fill(appCatalogue(lang).errors[error.code], params);
}

/** A notice in the user's language: its count chooses the form, its environment is named as statuses name it. */
export function formatNotice(notice: Notice, lang: MessageLanguage | string = 'en'): string {
  const { count, environment, problem } = notice.params;
  const catalogue = appCatalogue(lang);
  const template = pluralText(lang, catalogue.notices[notice.code], Number(count ?? 0));
  const params: Record<string, string | number> =
    typeof environment === 'string'
      ? { ...notice.params, environment: environmentName(environment, lang) }
      : { ...notice.params };
  // recognition: the Kiva loans sheet's problem is a code in the notice, worded here in the user's language.
  if (
    notice.code === 'portfolio-sheet-unusable' &&
    typeof problem === 'string' &&
    problem in catalogue.kivaLoansProblems
  ) {
    params.problem = fill(catalogue.kivaLoansProblems[problem as KivaLoansProblem['code']], notice.params);
  }
  return fill(template, params);
}
