/** What the command line says to a person, in the language of `KIVA_LANG`. Usage text stays in English. */
import { pluralForm, type MessageLanguage, type PluralText } from '../sheet';

/** A sentence with a count in it: the form is chosen by Intl.PluralRules for the language (French 0 and 1 are `one`). */
export type Plural = PluralText;

interface CliTexts {
  /** `{errors}, {warnings}; {ready}.` with each part worded through `counts`. */
  validated: string;
  counts: {
    errors: Plural;
    warnings: Plural;
    /** `{count}` rows ready out of `{checked}`; the form follows `readyBy`. */
    ready: Plural;
    /** Which number the form of `ready` agrees with: English and Spanish say "of 40 rows", French "1 ligne sur 40 prête". */
    readyBy: 'count' | 'checked';
    requests: Plural;
    rows: Plural;
    invalidRows: Plural;
  };
  alreadySentNote: Plural;
  /** `{requests}` and `{rows}`, `{invalid}` worded through `counts`. */
  previewed: string;
  /** How a sheet was read: `Pagos: repayment report — from the sheet name …`. */
  sheetKind: string;
  /** After an undecided kind: `--kind` and the sheet to give it for. */
  kindHint: string;
  /** `{environment}: {sent}, {invalid}, …` with each part worded through `outcomes` (Spanish and French agree). */
  sent: string;
  outcomes: Record<'sent' | 'invalid' | 'rejected' | 'uncertain' | 'failed' | 'cancelled' | 'skipped', Plural>;
  // ledgerpane: rows Kiva accepted with warnings, and the next step in PA2.
  warned: Plural;
  next: { repayments: Plural; drafts: Plural; journals: Plural };
  written: string;
  logWritten: string;
  noChanges: string;
  confirmUrl: string;
  confirmProductionHint: string;
  resendHint: string;
  writeFailed: string;
  recovered: string;
  recoveryFailed: string;
  cancelling: string;
  loansWritten: Plural;
  loansWithoutId: Plural;
  /** recognition: the Kiva loans sheet written beside the template, for the portfolio check offline. */
  kivaLoansWritten: Plural;
  /** recognition: a CSV template holds one sheet: no Kiva loans sheet. */
  kivaLoansNotInCsv: string;
  listsWritten: string;
  phases: Record<'reading' | 'checking' | 'sending' | 'writing', string>;
  rowsDone: string;
  config: {
    credentials: string;
    environment: string;
    csvFormat: string;
    journalVariant: string;
    language: string;
    url: string;
    dotenvForeignHost: string;
    dotenvNotOwned: string;
    dotenvEndpoint: string;
  };
  logWarning: string;
  wouldDrop: string;
  useOut: string;
  newFile: string;
  copyWithout: string;
  // ledger: the delivery ledger and the workbook lock.
  ledger: {
    /** Another kiva-sheets run is writing the file. */
    locked: string;
    /** A lock left by a run that no longer exists was taken over. */
    staleLock: string;
    /** A lock file nobody could read (half-written, damaged), old enough that no run is writing it, was taken over. */
    staleLockUnreadable: string;
    /** The ledger cannot be opened: nothing is sent without it. */
    unavailable: string;
    /** The ledger stopped answering (its thread died, no answer in time, a write refused) and the send stopped. */
    stopped: string;
    /** The ledger stopped answering once every request had left: the file's statuses are right, the ledger may lag. */
    unrecorded: string;
    /** validate, preview: the ledger cannot be read; the check goes on without it. */
    unreadable: string;
    /** Rows another run is sending, one line each follows. */
    busyRow: string;
    /** How to send changed or uncertain rows again, deliberately. */
    resendHint: string;
  };
}

const en: CliTexts = {
  validated: '{errors}, {warnings}; {ready}.',
  counts: {
    errors: { one: '{count} error', other: '{count} errors' },
    warnings: { one: '{count} warning', other: '{count} warnings' },
    ready: { one: '{count} of {checked} row ready to send', other: '{count} of {checked} rows ready to send' },
    readyBy: 'checked',
    requests: { one: '{count} request', other: '{count} requests' },
    rows: { one: '{count} row', other: '{count} rows' },
    invalidRows: { one: '{count} row invalid', other: '{count} rows invalid' },
  },
  alreadySentNote: {
    one: '{count} row already sent (or Uncertain) was not checked.',
    other: '{count} rows already sent (or Uncertain) were not checked.',
  },
  previewed: '{requests} for {rows} would be sent to {environment}; {invalid}. Nothing was sent.',
  sheetKind: 'Sheet “{sheet}”: {detail}.',
  kindHint: 'Choose it: run again with --sheet “{sheet}” {options}.',
  sent: '{environment}: {sent}, {invalid}, {rejected}, {uncertain}, {failed}, {cancelled}, {skipped}.',
  outcomes: {
    sent: { one: '{count} sent', other: '{count} sent' },
    invalid: { one: '{count} invalid', other: '{count} invalid' },
    rejected: { one: '{count} rejected', other: '{count} rejected' },
    uncertain: { one: '{count} uncertain', other: '{count} uncertain' },
    failed: { one: '{count} failed', other: '{count} failed' },
    cancelled: { one: '{count} cancelled', other: '{count} cancelled' },
    skipped: { one: '{count} skipped', other: '{count} skipped' },
  },
  // ledgerpane: rows sent with warnings, next step in PA2.
  warned: {
    one: '{count} row was sent with warnings from Kiva:',
    other: '{count} rows were sent with warnings from Kiva:',
  },
  next: {
    repayments: {
      one: 'Next: finalise the report in PA2 (upload {ids}).',
      other: 'Next: finalise the report in PA2 (uploads {ids}).',
    },
    drafts: {
      one: 'Next: review and publish the loan draft in PA2.',
      other: 'Next: review and publish the {count} loan drafts in PA2.',
    },
    journals: {
      one: 'Next: open the link above to publish the journal update.',
      other: 'Next: open each link above to publish the {count} journal updates.',
    },
  },
  written: 'Statuses written to {file}.',
  logWritten: 'Kiva log appended to {file}.',
  noChanges: 'Nothing to write: {file} was left as it was.',
  confirmUrl: 'confirm in PA2',
  confirmProductionHint: 'Run again with --confirm-production to send to Kiva production.',
  resendHint: 'After checking PA2, run again with --resend to send them again.',
  writeFailed: 'The statuses could not be written to {file}: {detail}',
  recovered: 'They were saved to {file} instead: use that file from now on, it records which rows were sent.',
  recoveryFailed: 'They could not be saved anywhere. Here is every status, keep it:',
  cancelling:
    'Cancelling: requests already on their way finish, the others are not sent. Press Ctrl-C again to stop without writing the statuses.',
  loansWritten: {
    one: '{count} loan written to sheet “{sheet}” of {file}.',
    other: '{count} loans written to sheet “{sheet}” of {file}.',
  },
  loansWithoutId: {
    one: '{count} loan has no internal loan id in Kiva and was left out.',
    other: '{count} loans have no internal loan id in Kiva and were left out.',
  },
  kivaLoansWritten: {
    one: 'Sheet “{sheet}”: {count} loan of every status, with the time it was read; validate, preview and send check loan ids against it when Kiva cannot be reached.',
    other:
      'Sheet “{sheet}”: {count} loans of every status, with the time they were read; validate, preview and send check loan ids against it when Kiva cannot be reached.',
  },
  kivaLoansNotInCsv:
    'A CSV file holds one sheet: no Kiva loans sheet was written, so loan ids can be checked only while Kiva can be reached. Write the template to an .xlsx workbook to keep one.',
  listsWritten:
    'Kiva lists written to sheet “{sheet}” of {file}: {activities} activities, {themes} themes, {locations} locations, {locales} locales.',
  phases: {
    reading: 'Reading the workbook…',
    checking: 'Checking rows…',
    sending: 'Sending',
    writing: 'Writing statuses…',
  },
  rowsDone: 'rows done',
  config: {
    credentials:
      'KIVA_CLIENT_ID and KIVA_CLIENT_SECRET are not set (in the environment or in a .env file in this folder).',
    environment: 'KIVA_ENV (or --env) must be stage or production, not “{value}”.',
    csvFormat: 'KIVA_CSV_FORMAT must be two-column or three-column, not “{value}”.',
    journalVariant: 'KIVA_JOURNAL_VARIANT must be documented or sample, not “{value}”.',
    language: 'KIVA_LANG must be en, es or fr, not “{value}”.',
    url: '{name} is not a valid http(s) URL: “{value}”.',
    dotenvForeignHost:
      '{name} in {file} points at {host}, which is neither Kiva nor this computer. A .env file cannot send your Kiva credentials to another host; nothing was sent. If you mean it, set {name} in the environment instead.',
    dotenvNotOwned:
      '{file} belongs to another user, so its {name} is not used and nothing was sent. Set {name} in the environment, or use a .env file of your own.',
    dotenvEndpoint: '{name} = {value} (from {file})',
  },
  logWarning: 'The Kiva log could not be written to {file}: {detail}',
  wouldDrop:
    '{file} holds {parts}, which kiva-sheets cannot write back (exceljs does not keep them). Nothing was sent or changed.',
  useOut: 'Run again with --out COPY.xlsx: the results go to the copy and {file} stays as it is.',
  newFile: 'Choose a new file with --out.',
  copyWithout: 'The copy {file} will not have: {parts}.',
  // ledger
  ledger: {
    locked:
      '{file} is being written by another kiva-sheets run (process {pid} on {host}, since {since}). Wait for it to finish, then run again.',
    staleLock: 'A lock left on {file} by a run that stopped (process {pid} on {host}) was taken over.',
    staleLockUnreadable: 'An unreadable lock left on {file} (written {since}, by a run that stopped) was taken over.',
    unavailable: 'The delivery ledger {path} cannot be opened: {detail}. Nothing was sent.',
    stopped:
      'The delivery ledger {path} stopped answering during the send ({detail}). The send stopped there: no request left without being recorded first, and rows not sent stay pending. Statuses of rows sent before were not written: the next send reads them from the ledger (Sent, or Uncertain: check PA2) and does not send them again.',
    unrecorded:
      'The delivery ledger {path} stopped answering at the end of the send ({detail}): the statuses written are Kiva’s answers, but the ledger may not have recorded them; if the file loses its statuses, the next send reads those rows as Uncertain (check PA2).',
    unreadable:
      'The delivery ledger {path} cannot be read: {detail}. Rows it knows as sent are not shown here (send will not run without it).',
    busyRow: '{cell}  being sent right now by another run (started {since} by {user})',
    resendHint:
      'To send changed or uncertain rows anyway, after checking PA2: run again with --resend (it is recorded as a deliberate resend).',
  },
};

const es: CliTexts = {
  validated: '{errors}, {warnings}; {ready}.',
  counts: {
    errors: { one: '{count} error', other: '{count} errores' },
    warnings: { one: '{count} advertencia', other: '{count} advertencias' },
    ready: {
      one: '{count} de {checked} fila lista para enviar',
      other: '{count} de {checked} filas listas para enviar',
    },
    readyBy: 'checked',
    requests: { one: '{count} solicitud', other: '{count} solicitudes' },
    rows: { one: '{count} fila', other: '{count} filas' },
    invalidRows: { one: '{count} fila no válida', other: '{count} filas no válidas' },
  },
  alreadySentNote: {
    one: 'No se revisó {count} fila ya enviada (o en Incierto).',
    other: 'No se revisaron {count} filas ya enviadas (o en Incierto).',
  },
  previewed: 'Se enviarían {requests} con {rows} a {environment}; {invalid}. No se envió nada.',
  sheetKind: 'Hoja «{sheet}»: {detail}.',
  kindHint: 'Elíjalo: vuelva a ejecutar con --sheet «{sheet}» {options}.',
  sent: '{environment}: {sent}, {invalid}, {rejected}, {uncertain}, {failed}, {cancelled}, {skipped}.',
  outcomes: {
    sent: { one: '{count} enviada', other: '{count} enviadas' },
    invalid: { one: '{count} no válida', other: '{count} no válidas' },
    rejected: { one: '{count} rechazada', other: '{count} rechazadas' },
    uncertain: { one: '{count} incierta', other: '{count} inciertas' },
    failed: { one: '{count} fallida', other: '{count} fallidas' },
    cancelled: { one: '{count} cancelada', other: '{count} canceladas' },
    skipped: { one: '{count} omitida', other: '{count} omitidas' },
  },
  // ledgerpane: rows sent with warnings, next step in PA2.
  warned: {
    one: '{count} fila se envió con advertencias de Kiva:',
    other: '{count} filas se enviaron con advertencias de Kiva:',
  },
  next: {
    repayments: {
      one: 'Siguiente paso: finalice el reporte en PA2 (carga {ids}).',
      other: 'Siguiente paso: finalice el reporte en PA2 (cargas {ids}).',
    },
    drafts: {
      one: 'Siguiente paso: revise y publique el borrador de préstamo en PA2.',
      other: 'Siguiente paso: revise y publique los {count} borradores de préstamo en PA2.',
    },
    journals: {
      one: 'Siguiente paso: abra el enlace de arriba para publicar la actualización.',
      other: 'Siguiente paso: abra cada enlace de arriba para publicar las {count} actualizaciones.',
    },
  },
  written: 'Estados escritos en {file}.',
  logWritten: 'Registro de Kiva añadido a {file}.',
  noChanges: 'Nada que escribir: {file} quedó como estaba.',
  confirmUrl: 'confirmar en PA2',
  confirmProductionHint: 'Vuelva a ejecutar con --confirm-production para enviar a Kiva producción.',
  resendHint: 'Después de revisar PA2, vuelva a ejecutar con --resend para enviarlas de nuevo.',
  writeFailed: 'No se pudieron escribir los estados en {file}: {detail}',
  recovered: 'Se guardaron en {file}: use ese archivo de ahora en adelante, registra qué filas se enviaron.',
  recoveryFailed: 'No se pudieron guardar en ningún lado. Aquí está cada estado, consérvelo:',
  cancelling:
    'Cancelando: las solicitudes en curso terminan, las demás no se envían. Pulse Ctrl-C otra vez para salir sin escribir los estados.',
  loansWritten: {
    one: '{count} préstamo escrito en la hoja «{sheet}» de {file}.',
    other: '{count} préstamos escritos en la hoja «{sheet}» de {file}.',
  },
  loansWithoutId: {
    one: '{count} préstamo no tiene id interno en Kiva y se dejó fuera.',
    other: '{count} préstamos no tienen id interno en Kiva y se dejaron fuera.',
  },
  kivaLoansWritten: {
    one: 'Hoja «{sheet}»: {count} préstamo de todos los estados, con la hora en que se leyó; validate, preview y send verifican con ella los ID de préstamo cuando no se puede contactar a Kiva.',
    other:
      'Hoja «{sheet}»: {count} préstamos de todos los estados, con la hora en que se leyeron; validate, preview y send verifican con ella los ID de préstamo cuando no se puede contactar a Kiva.',
  },
  kivaLoansNotInCsv:
    'Un archivo CSV tiene una sola hoja: no se escribió la hoja Kiva loans, así que los ID de préstamo solo se pueden verificar mientras se pueda contactar a Kiva. Escriba la plantilla en un libro .xlsx para tenerla.',
  listsWritten:
    'Listas de Kiva escritas en la hoja «{sheet}» de {file}: {activities} actividades, {themes} temas, {locations} ubicaciones, {locales} configuraciones regionales.',
  phases: {
    reading: 'Leyendo el libro…',
    checking: 'Revisando filas…',
    sending: 'Enviando',
    writing: 'Escribiendo estados…',
  },
  rowsDone: 'filas hechas',
  config: {
    credentials:
      'KIVA_CLIENT_ID y KIVA_CLIENT_SECRET no están definidos (en el entorno o en un archivo .env de esta carpeta).',
    environment: 'KIVA_ENV (o --env) debe ser stage o production, no «{value}».',
    csvFormat: 'KIVA_CSV_FORMAT debe ser two-column o three-column, no «{value}».',
    journalVariant: 'KIVA_JOURNAL_VARIANT debe ser documented o sample, no «{value}».',
    language: 'KIVA_LANG debe ser en, es o fr, no «{value}».',
    url: '{name} no es una URL http(s) válida: «{value}».',
    dotenvForeignHost:
      '{name} en {file} apunta a {host}, que no es Kiva ni este equipo. Un archivo .env no puede enviar sus credenciales de Kiva a otro servidor; no se envió nada. Si es lo que quiere, defina {name} en el entorno.',
    dotenvNotOwned:
      '{file} pertenece a otro usuario: no se usa su {name} y no se envió nada. Defina {name} en el entorno, o use un archivo .env propio.',
    dotenvEndpoint: '{name} = {value} (de {file})',
  },
  logWarning: 'No se pudo escribir el registro de Kiva en {file}: {detail}',
  wouldDrop:
    '{file} contiene {parts}, que kiva-sheets no puede volver a escribir (exceljs no los conserva). No se envió ni cambió nada.',
  useOut: 'Vuelva a ejecutar con --out COPIA.xlsx: los resultados van a la copia y {file} queda como está.',
  newFile: 'Elija un archivo nuevo con --out.',
  copyWithout: 'La copia {file} no tendrá: {parts}.',
  // ledger
  ledger: {
    locked:
      'Otra ejecución de kiva-sheets está escribiendo {file} (proceso {pid} en {host}, desde {since}). Espere a que termine y vuelva a ejecutar.',
    staleLock: 'Se tomó el bloqueo que dejó en {file} una ejecución detenida (proceso {pid} en {host}).',
    staleLockUnreadable: 'Se tomó un bloqueo ilegible que dejó en {file} una ejecución detenida (escrito el {since}).',
    unavailable: 'No se puede abrir el registro de envíos {path}: {detail}. No se envió nada.',
    stopped:
      'El registro de envíos {path} dejó de responder durante el envío ({detail}). El envío se detuvo ahí: ninguna solicitud salió sin quedar registrada antes, y las filas no enviadas siguen pendientes. Los estados de las filas ya enviadas no se escribieron: el próximo envío los lee del registro (Enviado, o Incierto: revise PA2) y no las vuelve a enviar.',
    unrecorded:
      'El registro de envíos {path} dejó de responder al final del envío ({detail}): los estados escritos son las respuestas de Kiva, pero el registro puede no tenerlas; si el archivo pierde sus estados, el próximo envío leerá esas filas como Incierto (revise PA2).',
    unreadable:
      'No se puede leer el registro de envíos {path}: {detail}. Las filas que conoce como enviadas no se muestran aquí (send no se ejecuta sin él).',
    busyRow: '{cell}  la está enviando ahora otra ejecución (iniciada {since} por {user})',
    resendHint:
      'Para enviar de todos modos las filas cambiadas o inciertas, tras revisar PA2: vuelva a ejecutar con --resend (queda registrado como reenvío deliberado).',
  },
};

const fr: CliTexts = {
  validated: '{errors}, {warnings}\u202f; {ready}.',
  counts: {
    errors: { one: '{count} erreur', other: '{count} erreurs' },
    warnings: { one: '{count} avertissement', other: '{count} avertissements' },
    ready: {
      one: '{count} ligne sur {checked} prête à envoyer',
      other: '{count} lignes sur {checked} prêtes à envoyer',
    },
    readyBy: 'count',
    requests: { one: '{count} requête', other: '{count} requêtes' },
    rows: { one: '{count} ligne', other: '{count} lignes' },
    invalidRows: { one: '{count} ligne invalide', other: '{count} lignes invalides' },
  },
  alreadySentNote: {
    one: '{count} ligne déjà envoyée (ou Incertaine) n’a pas été vérifiée.',
    other: '{count} lignes déjà envoyées (ou Incertaines) n’ont pas été vérifiées.',
  },
  previewed: '{requests} pour {rows} seraient envoyées à {environment}\u202f; {invalid}. Rien n’a été envoyé.',
  sheetKind: 'Feuille «\u00a0{sheet}\u00a0»\u00a0: {detail}.',
  kindHint: 'Choisissez-le\u00a0: relancez avec --sheet «\u00a0{sheet}\u00a0» {options}.',
  sent: '{environment}\u00a0: {sent}, {invalid}, {rejected}, {uncertain}, {failed}, {cancelled}, {skipped}.',
  outcomes: {
    sent: { one: '{count} envoyée', other: '{count} envoyées' },
    invalid: { one: '{count} invalide', other: '{count} invalides' },
    rejected: { one: '{count} rejetée', other: '{count} rejetées' },
    uncertain: { one: '{count} incertaine', other: '{count} incertaines' },
    failed: { one: '{count} en échec', other: '{count} en échec' },
    cancelled: { one: '{count} annulée', other: '{count} annulées' },
    skipped: { one: '{count} ignorée', other: '{count} ignorées' },
  },
  // ledgerpane: rows sent with warnings, next step in PA2.
  warned: {
    one: '{count} ligne envoyée avec des avertissements de Kiva\u00a0:',
    other: '{count} lignes envoyées avec des avertissements de Kiva\u00a0:',
  },
  next: {
    repayments: {
      one: 'Étape suivante\u00a0: finalisez le rapport dans PA2 (téléversement {ids}).',
      other: 'Étape suivante\u00a0: finalisez le rapport dans PA2 (téléversements {ids}).',
    },
    drafts: {
      one: 'Étape suivante\u00a0: relisez et publiez le brouillon de prêt dans PA2.',
      other: 'Étape suivante\u00a0: relisez et publiez les {count} brouillons de prêt dans PA2.',
    },
    journals: {
      one: 'Étape suivante\u00a0: ouvrez le lien ci-dessus pour publier la mise à jour.',
      other: 'Étape suivante\u00a0: ouvrez chaque lien ci-dessus pour publier les {count} mises à jour.',
    },
  },
  written: 'Statuts écrits dans {file}.',
  logWritten: 'Registre des appels à Kiva ajouté à {file}.',
  noChanges: 'Rien à écrire\u00a0: {file} est resté tel quel.',
  confirmUrl: 'confirmer dans PA2',
  confirmProductionHint: 'Relancez avec --confirm-production pour envoyer vers Kiva production.',
  resendHint: 'Après vérification dans PA2, relancez avec --resend pour les renvoyer.',
  writeFailed: 'Les statuts n’ont pas pu être écrits dans {file}\u00a0: {detail}',
  recovered:
    'Ils ont été enregistrés dans {file}\u00a0: utilisez ce fichier désormais, il indique quelles lignes ont été envoyées.',
  recoveryFailed: 'Ils n’ont pu être enregistrés nulle part. Voici chaque statut, gardez-le\u00a0:',
  cancelling:
    'Annulation\u00a0: les requêtes en cours se terminent, les autres ne sont pas envoyées. Ctrl-C à nouveau pour quitter sans écrire les statuts.',
  loansWritten: {
    one: '{count} prêt écrit dans la feuille «\u00a0{sheet}\u00a0» de {file}.',
    other: '{count} prêts écrits dans la feuille «\u00a0{sheet}\u00a0» de {file}.',
  },
  loansWithoutId: {
    one: '{count} prêt n’a pas d’id interne chez Kiva et a été laissé de côté.',
    other: '{count} prêts n’ont pas d’id interne chez Kiva et ont été laissés de côté.',
  },
  kivaLoansWritten: {
    one: 'Feuille «\u00a0{sheet}\u00a0»\u00a0: {count} prêt de tous statuts, avec l’heure de sa lecture\u202f; validate, preview et send y vérifient les identifiants de prêt quand Kiva est injoignable.',
    other:
      'Feuille «\u00a0{sheet}\u00a0»\u00a0: {count} prêts de tous statuts, avec l’heure de leur lecture\u202f; validate, preview et send y vérifient les identifiants de prêt quand Kiva est injoignable.',
  },
  kivaLoansNotInCsv:
    'Un fichier CSV ne contient qu’une feuille\u00a0: aucune feuille Kiva loans n’a été écrite, les identifiants de prêt ne peuvent donc être vérifiés que si Kiva est joignable. Écrivez le modèle dans un classeur .xlsx pour en garder une.',
  listsWritten:
    'Listes Kiva écrites dans la feuille «\u00a0{sheet}\u00a0» de {file}\u00a0: {activities} activités, {themes} thèmes, {locations} lieux, {locales} paramètres régionaux.',
  phases: {
    reading: 'Lecture du classeur…',
    checking: 'Vérification des lignes…',
    sending: 'Envoi',
    writing: 'Écriture des statuts…',
  },
  rowsDone: 'lignes traitées',
  config: {
    credentials:
      'KIVA_CLIENT_ID et KIVA_CLIENT_SECRET ne sont pas définis (dans l’environnement ou dans un fichier .env de ce dossier).',
    environment: 'KIVA_ENV (ou --env) doit valoir stage ou production, pas «\u00a0{value}\u00a0».',
    csvFormat: 'KIVA_CSV_FORMAT doit valoir two-column ou three-column, pas «\u00a0{value}\u00a0».',
    journalVariant: 'KIVA_JOURNAL_VARIANT doit valoir documented ou sample, pas «\u00a0{value}\u00a0».',
    language: 'KIVA_LANG doit valoir en, es ou fr, pas «\u00a0{value}\u00a0».',
    url: '{name} n’est pas une URL http(s) valide\u00a0: «\u00a0{value}\u00a0».',
    dotenvForeignHost:
      '{name} dans {file} désigne {host}, qui n’est ni Kiva ni cet ordinateur. Un fichier .env ne peut pas envoyer vos identifiants Kiva à un autre hôte\u202f; rien n’a été envoyé. Si c’est voulu, définissez {name} dans l’environnement.',
    dotenvNotOwned:
      '{file} appartient à un autre utilisateur\u00a0: son {name} n’est pas utilisé et rien n’a été envoyé. Définissez {name} dans l’environnement, ou utilisez un fichier .env à vous.',
    dotenvEndpoint: '{name} = {value} (de {file})',
  },
  logWarning: 'Le registre des appels à Kiva n’a pas pu être écrit dans {file}\u00a0: {detail}',
  wouldDrop:
    '{file} contient {parts}, que kiva-sheets ne sait pas réécrire (exceljs ne les conserve pas). Rien n’a été envoyé ni modifié.',
  useOut: 'Relancez avec --out COPIE.xlsx\u00a0: les résultats vont dans la copie et {file} reste tel quel.',
  newFile: 'Choisissez un nouveau fichier avec --out.',
  copyWithout: 'La copie {file} n’aura pas\u00a0: {parts}.',
  // ledger
  ledger: {
    locked:
      'Une autre exécution de kiva-sheets écrit {file} (processus {pid} sur {host}, depuis {since}). Attendez la fin, puis relancez.',
    staleLock: 'Le verrou laissé sur {file} par une exécution arrêtée (processus {pid} sur {host}) a été repris.',
    staleLockUnreadable:
      'Un verrou illisible laissé sur {file} par une exécution arrêtée (écrit le {since}) a été repris.',
    unavailable: 'Le registre des envois {path} ne peut pas être ouvert\u00a0: {detail}. Rien n’a été envoyé.',
    stopped:
      'Le registre des envois {path} a cessé de répondre pendant l’envoi ({detail}). L’envoi s’est arrêté là\u00a0: aucune requête n’est partie sans être enregistrée d’abord, et les lignes non envoyées restent en attente. Les statuts des lignes déjà envoyées n’ont pas été écrits\u00a0: le prochain envoi les lit dans le registre (Envoyé, ou Incertain\u00a0: vérifiez dans PA2) et ne les renvoie pas.',
    unrecorded:
      'Le registre des envois {path} a cessé de répondre à la fin de l’envoi ({detail})\u00a0: les statuts écrits sont les réponses de Kiva, mais le registre ne les a peut-être pas enregistrés\u202f; si le fichier perd ses statuts, le prochain envoi lira ces lignes comme Incertain (vérifiez dans PA2).',
    unreadable:
      'Le registre des envois {path} ne peut pas être lu\u00a0: {detail}. Les lignes qu’il connaît comme envoyées ne sont pas indiquées ici (send ne s’exécute pas sans lui).',
    busyRow: '{cell}  en cours d’envoi par une autre exécution (commencée {since} par {user})',
    resendHint:
      'Pour envoyer quand même les lignes modifiées ou incertaines, après vérification dans PA2\u00a0: relancez avec --resend (c’est enregistré comme un renvoi voulu).',
  },
};

const TEXTS: Record<MessageLanguage, CliTexts> = { en, es, fr };

export function texts(lang: MessageLanguage): CliTexts {
  return TEXTS[lang];
}

/** The form of `plural` for `count` in `lang`, with `{count}` and the other params filled in. */
export function sayCount(
  lang: MessageLanguage,
  plural: Plural,
  count: number,
  params: Record<string, string | number> = {},
  by = count,
): string {
  return say(plural[pluralForm(lang, by)], { ...params, count });
}

export function say(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export const USAGE = `Usage: kiva-sheets <command> [options]

Commands:
  validate <file>   check every row; print each problem as  Sheet!A1  error|warning  message
  preview <file>    print the request bodies send would post, one JSON document per line; send nothing
  send <file>       send every valid row not already Sent, and write statuses and the Kiva log back
  loans --out FILE  write a Repayments sheet (loan_id, client_id, borrower name, amount) from Kiva's loans,
                    and into an .xlsx the "Kiva loans" sheet loan ids are checked against when Kiva cannot
                    be reached
  lists --out FILE  write Kiva's config lists into a "Kiva lists" sheet
  doctor            check the connection (token URL, audience, partner, permissions, lists, loans, journal
                    route), each line OK or a problem with its fix; reads only. Exit 0 all OK, 1 problems,
                    2 Kiva could not be reached
  setup             prepare this computer for one coordinator: localhost certificate, stage credentials,
                    the add-in in Excel (kiva-sheets setup --help for its options)

Options:
  --sheet NAME             only this sheet (for a .csv: the name used in messages; default: the file name)
  --kind KIND              loans, repayments or journals: the sheet's kind, when its headers do not say
  --env stage|production   Kiva environment (default: KIVA_ENV, else stage)
  --confirm-production     needed to send to production
  --resend                 also send rows already Sent, changed since sent or Uncertain (check PA2 first)
  --period YYYY-MM         repayment report period (default: the month before today)
  --out FILE               write here instead of into <file> (send, validate --mark; required for loans, lists)
  --mark                   validate: also write statuses, fills and notes into the workbook
  --status LIST            loans: statuses to list (default payingBack,defaulted)
  --query TEXT             loans: only loans matching this text (name, loan id, client id)
  --json                   print a machine summary as the last line of standard output
  --help, --version

Configuration (environment variables, or a .env file in the current folder):
  KIVA_CLIENT_ID, KIVA_CLIENT_SECRET   API credentials of the environment (PA2 → Account → API Access)
  KIVA_ENV            stage (default) or production
  KIVA_TOKEN_URL, KIVA_API_URL, KIVA_AUDIENCE   override the environment's addresses
  KIVA_CSV_FORMAT     two-column (default) or three-column repayment reports
  KIVA_JOURNAL_VARIANT  documented (default: /v3/partner/{id}/journals) or sample (/v3/partners/{id}/journals);
                      on a 404 the other is tried once, and the one that worked is used first next time
  KIVA_LANG           en (default), es or fr
  KIVA_SHEETS_DB      the delivery ledger (what was sent, shared with the server; default: the data folder's
                      kiva-sheets.sqlite, e.g. ~/.local/share/kiva-sheets/ or %APPDATA%\\kiva-sheets\\)

Exit status: 0 all done; 1 some rows invalid, rejected, failed, uncertain or cancelled; 2 nothing done
(usage, configuration, authentication, or the file or Kiva could not be reached).
`;
