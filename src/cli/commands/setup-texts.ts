/**
 * What `kiva-sheets setup` says, in the language of KIVA_LANG. French: U+00A0 before « : », U+202F before ; ! ?
 * (as src/app/doctor-texts.ts). `{name}` placeholders are filled by `say` (src/cli/texts.ts).
 */
import type { MessageLanguage } from '../../sheet';

export interface SetupTexts {
  title: string;
  dataFolder: string;
  certificate: {
    made: string;
    kept: string;
    trusted: string;
    alreadyTrusted: string;
    /** Linux and other systems: nothing trusted; the browser's store must take the CA. */
    notTrusted: string;
    trustFailed: string;
  };
  askClientId: string;
  askSecret: string;
  /** Said after a prompt when a value is already saved: Enter keeps it. */
  keep: string;
  empty: string;
  spaces: string;
  noInput: string;
  cancelled: string;
  settingsWritten: string;
  manifestWritten: string;
  registration: {
    windows: string;
    mac: string;
    web: string;
    failed: string;
  };
  next: string;
}

const en: SetupTexts = {
  title:
    'Kiva Sheets on this computer: a certificate for https://localhost:{port}, your Kiva stage credentials, and the add-in in Excel.',
  dataFolder: 'Data folder: {dir}',
  certificate: {
    made: 'Certificate: made {cert} (valid until {until}).',
    kept: 'Certificate: kept {cert} (valid until {until}).',
    trusted: 'This computer now trusts its certificate authority ({ca}).',
    alreadyTrusted: 'This computer already trusts its certificate authority ({ca}).',
    notTrusted:
      'Nothing was trusted on this system: Excel on the web’s browser must trust {ca} (Chromium or Firefox: settings → certificates → Authorities → import).',
    trustFailed: 'Could not make this computer trust {ca}: {reason}. Trust it by hand, then run setup again.',
  },
  askClientId: 'Kiva stage client id (PA2 → Account → API Access): ',
  askSecret: 'Kiva stage client secret (not shown as you type): ',
  keep: '(Enter keeps the saved one) ',
  empty: 'Nothing was typed; try again.',
  spaces: 'A client id or secret has no spaces; try again.',
  noInput: 'Setup needs the client id and secret on standard input; nothing was written.',
  cancelled: 'Setup cancelled; nothing was written.',
  settingsWritten: 'Settings: {file} (readable by you only).',
  manifestWritten: 'Add-in manifest: {file} (add-in id {id}).',
  registration: {
    windows:
      'Excel on Windows: registered for sideloading ({where}). Close and reopen Excel: Kiva Sheets (test) is on the Home tab.',
    mac: 'Excel on Mac: copied to {where}. Close and reopen Excel, then Home → Add-ins lists Kiva Sheets (test).',
    web: 'Desktop Excel does not run on this system. In Excel on the web: Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in, and choose {file}.',
    failed: 'Could not register the add-in ({reason}). Do it by hand: docs/deploy.md, “Sideloading on one computer”.',
  },
  next: 'Start the server with:\n  kiva-sheets-server --config {settings}\nthen open Excel. Run setup again at any time: it keeps what is still good.',
};

const es: SetupTexts = {
  title:
    'Kiva Sheets en este equipo: un certificado para https://localhost:{port}, sus credenciales de Kiva stage y el complemento en Excel.',
  dataFolder: 'Carpeta de datos: {dir}',
  certificate: {
    made: 'Certificado: creado {cert} (válido hasta {until}).',
    kept: 'Certificado: se conserva {cert} (válido hasta {until}).',
    trusted: 'Este equipo ahora confía en su autoridad de certificación ({ca}).',
    alreadyTrusted: 'Este equipo ya confiaba en su autoridad de certificación ({ca}).',
    notTrusted:
      'No se instaló nada de confianza en este sistema: el navegador de Excel en la web debe confiar en {ca} (Chromium o Firefox: configuración → certificados → Autoridades → importar).',
    trustFailed: 'No se pudo hacer que este equipo confíe en {ca}: {reason}. Hágalo a mano y vuelva a ejecutar setup.',
  },
  askClientId: 'Id de cliente de Kiva stage (PA2 → Account → API Access): ',
  askSecret: 'Secreto de cliente de Kiva stage (no se muestra al escribir): ',
  keep: '(Enter conserva el guardado) ',
  empty: 'No se escribió nada; inténtelo de nuevo.',
  spaces: 'Un id o secreto de cliente no tiene espacios; inténtelo de nuevo.',
  noInput: 'Setup necesita el id y el secreto de cliente en la entrada estándar; no se escribió nada.',
  cancelled: 'Setup cancelado; no se escribió nada.',
  settingsWritten: 'Ajustes: {file} (solo usted puede leerlo).',
  manifestWritten: 'Manifiesto del complemento: {file} (id del complemento {id}).',
  registration: {
    windows:
      'Excel en Windows: registrado para carga lateral ({where}). Cierre y vuelva a abrir Excel: Kiva Sheets (prueba) está en la pestaña Inicio.',
    mac: 'Excel en Mac: copiado en {where}. Cierre y vuelva a abrir Excel; Inicio → Complementos muestra Kiva Sheets (prueba).',
    web: 'Excel de escritorio no funciona en este sistema. En Excel en la web: Inicio → Complementos → Más complementos → Mis complementos → Cargar mi complemento, y elija {file}.',
    failed:
      'No se pudo registrar el complemento ({reason}). Hágalo a mano: docs/deploy.es.md, «Carga lateral en un equipo».',
  },
  next: 'Inicie el servidor con:\n  kiva-sheets-server --config {settings}\ny abra Excel. Puede volver a ejecutar setup cuando quiera: conserva lo que sigue bien.',
};

const fr: SetupTexts = {
  title:
    'Kiva Sheets sur cet ordinateur\u00a0: un certificat pour https://localhost:{port}, vos identifiants Kiva stage, et le complément dans Excel.',
  dataFolder: 'Dossier de données\u00a0: {dir}',
  certificate: {
    made: 'Certificat\u00a0: créé {cert} (valable jusqu’au {until}).',
    kept: 'Certificat\u00a0: conservé {cert} (valable jusqu’au {until}).',
    trusted: 'Cet ordinateur approuve maintenant son autorité de certification ({ca}).',
    alreadyTrusted: 'Cet ordinateur approuvait déjà son autorité de certification ({ca}).',
    notTrusted:
      'Rien n’a été approuvé sur ce système\u00a0: le navigateur d’Excel pour le web doit approuver {ca} (Chromium ou Firefox\u00a0: paramètres → certificats → Autorités → importer).',
    trustFailed:
      'Impossible de faire approuver {ca} par cet ordinateur\u00a0: {reason}. Faites-le à la main, puis relancez setup.',
  },
  askClientId: 'Identifiant client Kiva stage (PA2 → Account → API Access)\u00a0: ',
  askSecret: 'Secret client Kiva stage (rien ne s’affiche pendant la saisie)\u00a0: ',
  keep: '(Entrée garde celui qui est enregistré) ',
  empty: 'Rien n’a été saisi\u202f; réessayez.',
  spaces: 'Un identifiant ou un secret client n’a pas d’espaces\u202f; réessayez.',
  noInput: 'Setup attend l’identifiant et le secret client sur l’entrée standard\u202f; rien n’a été écrit.',
  cancelled: 'Setup annulé\u202f; rien n’a été écrit.',
  settingsWritten: 'Réglages\u00a0: {file} (lisible par vous seul).',
  manifestWritten: 'Manifeste du complément\u00a0: {file} (id du complément {id}).',
  registration: {
    windows:
      'Excel sous Windows\u00a0: enregistré pour le chargement de version test ({where}). Fermez et rouvrez Excel\u00a0: Kiva Sheets (test) est dans l’onglet Accueil.',
    mac: 'Excel sur Mac\u00a0: copié dans {where}. Fermez et rouvrez Excel, puis Accueil → Compléments montre Kiva Sheets (test).',
    web: 'Excel de bureau ne fonctionne pas sur ce système. Dans Excel pour le web\u00a0: Accueil → Compléments → Plus de compléments → Mes compléments → Charger mon complément, et choisissez {file}.',
    failed:
      'Impossible d’enregistrer le complément ({reason}). Faites-le à la main\u00a0: docs/deploy.fr.md, «\u00a0Chargement de version test sur un ordinateur\u00a0».',
  },
  next: 'Démarrez le serveur avec\u00a0:\n  kiva-sheets-server --config {settings}\npuis ouvrez Excel. Relancez setup quand vous voulez\u00a0: il garde ce qui est encore bon.',
};

const TEXTS: Readonly<Record<MessageLanguage, SetupTexts>> = { en, es, fr };

export function setupTexts(language: MessageLanguage): SetupTexts {
  return TEXTS[language];
}

export const SETUP_USAGE = `Usage: kiva-sheets setup [--port N] [--json]

Prepares this computer to run Kiva Sheets for one coordinator (docs/deploy.md, "One PC: a development certificate"):
  1. a certificate for https://localhost (office-addin-dev-certs), trusted by this computer on Windows and Mac;
  2. asks for the Kiva stage client id and secret (the secret is not shown) and writes them, with the certificate,
     into settings.json in the data folder, readable by you only (chmod 600);
  3. writes the add-in manifest for https://localhost:PORT (this data folder's add-in id) and registers it:
     Windows (HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer), Mac (Excel's wef folder); elsewhere it says
     how to upload it in Excel on the web.
Without a terminal, the client id and the secret are read as two lines of standard input.

Options:
  --port N   the server's port (default 3000)
  --json     print a machine summary (never the secret) as the last line of standard output
  --help
`;
