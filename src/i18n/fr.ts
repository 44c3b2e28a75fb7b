import type { UiCatalogue } from './index';
import { fr as sheetFr } from '../sheet/messages/fr';

export const fr: UiCatalogue = {
  app: {
    title: 'Kiva Sheets',
    language: 'Langue',
    loading: 'Chargement…',
    retry: 'Réessayer',
    close: 'Fermer',
    tabs: { connection: 'Connexion', sheet: 'Feuille', validate: 'Vérifier', send: 'Envoyer', tools: 'Outils' },
    tabsLabel: 'Sections de Kiva Sheets',
    help: 'Aide',
    helpLabel: 'Aide\u00a0: le chapitre du guide pour cet onglet (s’ouvre dans le navigateur)',
  },
  firstSteps: {
    label: 'Premiers pas',
    sheet: '{sheet}\u00a0: {kind}, {rows}.',
    step: '{n} {action}',
  },
  env: {
    stage: 'Test (stage)',
    stageNote: 'l’environnement de test de Kiva — pour essayer',
    production: 'Production',
    productionNote: 'réel — ce que vous envoyez arrive vraiment chez Kiva',
    notConfigured: 'non configuré sur le serveur',
    notAllowed: 'vous ne pouvez pas envoyer ici',
  },
  connection: {
    heading: 'Connexion à Kiva',
    environment: 'Environnement Kiva',
    productionBanner: 'La production est active\u00a0: les prêts et rapports envoyés arrivent vraiment chez Kiva.',
    partnerId: 'Id du partenaire',
    scopes: 'Autorisations',
    noScopes: 'aucune pour l’instant',
    tokenExpiry: 'Accès valable jusqu’au',
    tokenNone: 'pas encore demandé',
    test: 'Tester la connexion',
    testing: 'Test en cours…',
    testOk: 'Kiva {env} a répondu\u00a0: partenaire {partnerId}.',
    signedInAs: 'Connecté en tant que {name}',
    user: 'Vous travaillez en tant que {name}',
    version: 'Version du serveur {version}',
  },
  // protocol: the connection check's report under Test connection (its lines are worded by src/app/doctor-texts).
  connectionReport: {
    heading: 'Vérification de la connexion',
    fix: 'Solution\u00a0: {fix}',
    copy: 'Copier pour le support de Kiva',
    copied: 'Copié\u00a0: collez-le dans votre message au support de Kiva. Il ne contient ni secret ni jeton.',
    manual: 'Le volet n’a pas pu le copier\u00a0: sélectionnez le texte ci-dessous et copiez-le.',
  },
  scopes: {
    'read:loans': 'lire les prêts',
    'create:loan_draft': 'créer des brouillons de prêt',
    'create:journal_update': 'publier des mises à jour (journal)',
    'create:repayment': 'déclarer des remboursements',
  },
  signIn: {
    heading: 'Connexion Microsoft',
    signedOut:
      'Votre organisation vous demande de vous connecter avec votre compte professionnel avant d’utiliser Kiva.',
    signIn: 'Se connecter',
    signingIn: 'Connexion…',
    signedIn: 'Connecté en tant que {name}.',
    signOut: 'Se déconnecter',
    expired: 'Votre connexion a expiré. Reconnectez-vous pour continuer\u202f; rien n’a été perdu.',
    signInAgain: 'Se reconnecter',
    needed: 'Connectez-vous d’abord (onglet Connexion).',
  },
  // security: one-time pairing with a local server that cannot tell which account connects (docs/server.md).
  pairing: {
    heading: 'Connecter ce volet à Kiva Sheets',
    help: 'La fenêtre de Kiva Sheets sur cet ordinateur affiche un code d’appairage (par exemple KQ7M-3XPA). Saisissez-le ici une seule fois\u202f; ce volet s’en souviendra.',
    label: 'Code d’appairage',
    submit: 'Connecter',
    connecting: 'Connexion…',
  },
  sheet: {
    heading: 'Feuille «\u00a0{sheet}\u00a0»',
    kind: 'Cette feuille contient',
    kindAuto: 'Reconnaître d’après les en-têtes',
    kindAsk:
      'Choisissez ce que contient cette feuille ({kinds})\u00a0: rien n’en est vérifié ni envoyé avant. Votre choix est enregistré avec la feuille.',
    kindAutomatic: '{kind} (détection automatique)',
    kindSource: {
      override: 'choisi par vous',
      headers: 'reconnu d’après les en-têtes',
      'sheet-name': 'reconnu d’après le nom de la feuille',
      ask: 'non décidé\u00a0: choisissez le type',
      unknown: 'non reconnu',
    },
    kinds: {
      loans: 'Brouillons de prêt (une ligne par emprunteur)',
      schedule: 'Échéanciers (une ligne par échéance)',
      repayments: 'Rapport de remboursements (une ligne par prêt)',
      journals: 'Mises à jour (journal)',
    },
    unknownKind: 'Pas encore reconnue',
    rows: { one: '{count} ligne', other: '{count} lignes' },
    mapping: 'Colonnes',
    mappingHelp: 'Chaque colonne de la feuille et le champ Kiva qu’elle remplit. Changez-le s’il a été mal lu.',
    column: 'Colonne',
    header: 'En-tête',
    field: 'Champ Kiva',
    notSent: '(non envoyé)',
    statusColumn: 'Statut Kiva (écrit par Kiva Sheets)',
    statusWhere: 'Le statut de chaque ligne est écrit dans la colonne {column} («\u00a0{header}\u00a0»).',
    statusNew:
      'Le premier statut écrit ajoute une colonne «\u00a0{header}\u00a0» en {column}, après votre dernière colonne\u00a0: rien de ce qui est à vous ne bouge.',
    statusMove:
      'Elle est reconnue par son en-tête où qu’elle soit\u00a0: déplacez-la près de vos premières colonnes pour voir les statuts sans faire défiler.',
    goToStatus: 'Aller à la colonne {column}',
    required: 'obligatoire',
    missing:
      'Colonnes obligatoires manquantes\u00a0: {fields}. Ajoutez-les à la feuille ou choisissez-les ci-dessous\u202f; d’ici là rien ne peut être envoyé.',
    saved: 'Enregistré dans ce classeur.',
    saving: 'Enregistrement…',
    reset: 'Utiliser les colonnes reconnues',
    reread: 'Relire la feuille',
    fieldFor: 'Champ Kiva de la colonne {column} ({header})',
    mappedAway: 'La colonne {column} ({header}) est associée à {mappedTo} dans l’onglet Feuille.',
    mappedAwayIgnored:
      'La colonne {column} ({header}) est réglée sur «\u00a0(non envoyé)\u00a0» dans l’onglet Feuille.',
  },
  // recognition: field names are src/sheet's (its messages name fields too).
  fields: sheetFr.fields,
  scope: {
    label: 'Lignes',
    selection: 'Lignes sélectionnées',
    sheet: 'Toute la feuille',
    pending: 'Toutes les lignes pas encore envoyées',
  },
  validate: {
    heading: 'Vérifier les lignes',
    help: 'Trouve les problèmes avant tout envoi et les signale dans les cellules.',
    run: 'Vérifier les lignes',
    running: 'Vérification…',
    counts: 'Erreurs\u00a0: {errors} · Avertissements\u00a0: {warnings} · Lignes vérifiées\u00a0: {rows}',
    clean: { one: 'Aucun problème sur {count} ligne.', other: 'Aucun problème sur {count} lignes.' },
    // recognition: the same message in several rows, said once.
    repeated: 'Répété sur plusieurs lignes',
    row: 'Ligne {row}',
    headerRow: 'En-têtes (ligne {row})',
    // pane: problems and outcomes on a sheet other than the one in view name it.
    rowOnSheet: 'Ligne {row}, feuille «\u00a0{sheet}\u00a0»',
    headerRowOnSheet: 'En-têtes (ligne {row}), feuille «\u00a0{sheet}\u00a0»',
    goTo: 'Aller à {address}',
    error: 'Erreur',
    warning: 'Avertissement',
    showMore: 'Afficher plus de lignes',
    fromRibbon: 'Résultat de «\u00a0Vérifier la feuille\u00a0» dans le ruban.',
  },
  send: {
    heading: 'Envoyer à Kiva',
    to: 'Envoi vers',
    ready: { one: '{count} ligne prête à envoyer.', other: '{count} lignes prêtes à envoyer.' },
    nothing: 'Rien à envoyer dans ces lignes.',
    alreadySent: {
      one: '{count} ligne a déjà été envoyée et sera ignorée.',
      other: '{count} lignes ont déjà été envoyées et seront ignorées.',
    },
    resend: 'Renvoyer les lignes déjà envoyées («\u00a0Renvoyer\u00a0»)',
    uncertain: {
      one: '{count} ligne est incertaine\u00a0: Kiva l’a peut-être reçue. Vérifiez dans PA2 avant de la renvoyer.',
      other:
        '{count} lignes sont incertaines\u00a0: Kiva les a peut-être reçues. Vérifiez dans PA2 avant de les renvoyer.',
    },
    includeUncertain: 'J’ai vérifié PA2\u00a0: envoyer aussi les lignes incertaines',
    invalid: {
      one: '{count} ligne a des problèmes et ne sera pas envoyée (voir Vérifier).',
      other: '{count} lignes ont des problèmes et ne seront pas envoyées (voir Vérifier).',
    },
    blocked: 'Envoi bloqué\u00a0: la feuille n’a pas de colonne pour {fields} (voir Feuille).',
    run: 'Envoyer à Kiva',
    runCount: { one: 'Envoyer {count} ligne à Kiva', other: 'Envoyer {count} lignes à Kiva' },
    cancel: 'Annuler',
    cancelling: 'Arrêt en cours… Les requêtes déjà parties se terminent et sont enregistrées.',
    progress: 'Envoyées {sent} · Refusées {rejected} · Incertaines {uncertain} · Restantes {left}',
    progressLabel: 'Progression de l’envoi',
    summaryTitle: 'Terminé',
    summaryCancelled: 'Arrêté',
    summary:
      'Envoyées\u00a0: {sent} · Refusées\u00a0: {rejected} · Incertaines\u00a0: {uncertain} · Non envoyées\u00a0: {failed} · Annulées\u00a0: {cancelled}',
    skipped:
      'Écartées avant l’envoi — déjà envoyées\u00a0: {alreadySent} · incertaines\u00a0: {uncertain} · avec des problèmes\u00a0: {invalid}.',
    rejectedRows: 'Refusées par Kiva',
    uncertainRows: 'Incertaines — vérifiez dans PA2 avant de renvoyer',
    failedRows: 'Non envoyées',
    kivaSays: 'Kiva\u00a0: {message}',
    // ledgerpane: lignes acceptées par Kiva avec avertissements, et la suite dans PA2.
    summaryWarned: {
      one: '{count} ligne envoyée a des avertissements de Kiva.',
      other: '{count} lignes envoyées ont des avertissements de Kiva.',
    },
    warnedRows: 'Envoyées avec avertissements — lisez ce que dit Kiva',
    nextHeading: 'Étape suivante dans PA2',
    nextRepayments: {
      one: 'Finalisez le rapport dans PA2\u00a0: téléversement {ids}.',
      other: 'Finalisez le rapport dans PA2\u00a0: téléversements {ids}.',
    },
    nextDrafts: {
      one: 'Relisez et publiez le brouillon de prêt dans PA2.',
      other: 'Relisez et publiez les {count} brouillons de prêt dans PA2.',
    },
    nextJournals: 'Ouvrez chaque lien ci-dessous\u00a0: Kiva ne publie la mise à jour qu’à ce moment.',
    confirmUrls: 'Mises à jour à publier',
    confirmUrlsHelp: 'Kiva ne publie une mise à jour qu’après l’ouverture de son lien.',
    openConfirm: 'Publier la mise à jour de la ligne {row}',
    previewOpen: 'Voir ce qui sera envoyé',
    previewClose: 'Masquer l’aperçu',
    fromRibbon: 'Résultat de l’envoi depuis le ruban.',
    ribbonAsks: 'Le ruban a demandé un envoi. Vérifiez les chiffres et appuyez sur Envoyer.',
  },
  counts: {
    loan_draft: { one: '{count} prêt', other: '{count} prêts' },
    repayments: { one: '{count} remboursement', other: '{count} remboursements' },
    journals: { one: '{count} mise à jour', other: '{count} mises à jour' },
    mixed: { one: '{count} requête', other: '{count} requêtes' },
    rows: { one: '{count} ligne', other: '{count} lignes' },
    withRows: '{items} ({rows})',
    total: 'total {amount}',
  },
  productionChoice: {
    title: 'Utiliser Kiva production\u202f?',
    body: 'En production, chaque brouillon de prêt, remboursement et mise à jour que vous envoyez arrive chez Kiva pour de vrai. L’environnement de test (stage) sert à essayer.',
    go: 'Utiliser la production',
  },
  confirm: {
    title: 'Veuillez confirmer',
    productionTitle: 'Envoyer en production\u202f?',
    productionWhat: '{what}, {money}, vers Kiva PRODUCTION — ce n’est pas un test.',
    productionWhatNoMoney: '{what} vers Kiva PRODUCTION — ce n’est pas un test.',
    productionHelp:
      'Kiva les reçoit pour de vrai. Pour essayer d’abord, choisissez Test (stage) dans l’onglet Connexion.',
    production: {
      one: 'Vous allez envoyer {count} ligne à Kiva production. Ce n’est pas un test.',
      other: 'Vous allez envoyer {count} lignes à Kiva production. Ce n’est pas un test.',
    },
    resend: {
      one: '{count} ligne a déjà été envoyée\u00a0: elle sera renvoyée et peut apparaître deux fois chez Kiva.',
      other:
        '{count} lignes ont déjà été envoyées\u00a0: elles seront renvoyées et peuvent apparaître deux fois chez Kiva.',
    },
    uncertain: {
      one: '{count} ligne incertaine sera renvoyée. Continuez seulement si PA2 ne la montre pas.',
      other: '{count} lignes incertaines seront renvoyées. Continuez seulement si PA2 ne les montre pas.',
    },
    checkedPa2: 'J’ai vérifié PA2',
    go: { one: 'Envoyer {count} ligne', other: 'Envoyer {count} lignes' },
    goProduction: { one: 'Envoyer {count} ligne en production', other: 'Envoyer {count} lignes en production' },
    back: 'Revenir',
  },
  preview: {
    heading: 'Aperçu',
    help: 'Exactement ce qui sera envoyé, requête par requête. Rien n’est envoyé d’ici.',
    loading: 'Préparation de l’aperçu…',
    request: 'Requête {position} sur {total}\u00a0: {endpoint}, {rows}',
    empty: 'Rien ne serait envoyé.',
    skipped: { one: '{count} ligne écartée.', other: '{count} lignes écartées.' },
    copy: 'Copier',
    copyNamed: 'Copier la requête {position}',
    copied: 'Copié.',
    group: 'groupe «\u00a0{name}\u00a0»',
    borrower: 'pour {name}',
    disbursed: 'décaissé le {date}',
    subject: '«\u00a0{subject}\u00a0»',
    more: { one: '{count} autre', other: '{count} autres' },
    showMore: 'Afficher plus de requêtes',
  },
  endpoints: { loan_draft: 'brouillon de prêt', repayments: 'remboursements', journals: 'mises à jour (journal)' },
  // recognition: the Settings section (Tools tab); setting names and values are src/sheet's (settingNames/Values).
  settings: {
    heading: 'Réglages de la vérification',
    help: 'Enregistrés dans ce classeur\u00a0: le volet, le ruban et la ligne de commande le vérifient de la même façon. Un message causé par un réglage le nomme.',
    floorHelp:
      'Le minimum de publication de Kiva (5\u00a0USD) dans votre monnaie locale\u00a0: un prêt égal ou inférieur reçoit un avertissement. Vide\u00a0: seuls les prêts en USD sont vérifiés.',
    floorInvalid: 'Écrivez un nombre supérieur à 0, ou laissez vide.',
    save: 'Enregistrer les réglages',
    saving: 'Enregistrement…',
    saved: 'Réglages enregistrés dans ce classeur.',
    loading: 'Lecture des réglages…',
  },
  tools: {
    heading: 'Outils',
    loading: 'Ouverture des outils…',
  },
  photos: {
    heading: 'Photos des emprunteurs',
    help: 'Photos JPEG ou PNG, {max} Mo au plus chacune. Les photos ne vont pas dans les cellules\u00a0: Kiva Sheets les garde dans ce classeur et les envoie avec le brouillon.',
    choose: 'Choisir des photos',
    chooseMany: 'Choisir des photos…',
    chooseOne: 'Choisir une photo…',
    noColumn:
      'Cette feuille n’a pas de colonne photo. Ajoutez-en une pour nommer le fichier photo de chaque emprunteur, ou ajoutez une photo à l’emprunteur sélectionné sans colonne.',
    addColumn: 'Ajouter une colonne Photo',
    columnAdded:
      'Colonne {column} ({header}) ajoutée\u00a0: saisissez-y le nom du fichier photo de chaque emprunteur, puis choisissez les photos.',
    attachedToLoan: 'Photo {file} ajoutée au prêt {loan} (ligne {row}).',
    kept: 'Gardées dans ce classeur\u00a0: les photos sont toujours là quand le fichier est rouvert.',
    sessionOnly:
      'Impossible de les garder dans le classeur, donc seulement jusqu’à la fermeture du volet\u00a0: {files}.',
    match: 'Utiliser les photos',
    byName: 'là où la colonne photo nomme le fichier',
    selected: 'pour l’emprunteur sélectionné',
    oneForSelected: 'Choisissez une seule photo pour l’emprunteur sélectionné.',
    attaching: 'Ajout en cours…',
    attached: { one: '{count} photo ajoutée.', other: '{count} photos ajoutées.' },
    unmatched: 'Aucune ligne ne nomme ces fichiers\u00a0: {files}.',
    rejectedType: '{file}\u00a0: pas une photo JPEG ou PNG.',
    rejectedSize: '{file}\u00a0: {size} Mo, plus de {max} Mo.',
    rejectedEmpty: '{file}\u00a0: le fichier est vide.',
  },
  lists: {
    heading: 'Listes Kiva',
    help: 'Activités, thèmes, lieux et langues, pour les listes déroulantes et les vérifications.',
    asOf: 'Listes du {time}.',
    never: 'Les listes n’ont pas encore été chargées.',
    refresh: 'Actualiser les listes Kiva',
    refreshing: 'Actualisation…',
    refreshed:
      'Listes actualisées\u00a0: {activities} activités, {themes} thèmes, {locations} lieux, {locales} langues.',
  },
  loans: {
    heading: 'Rapport de remboursements',
    help: 'Crée une nouvelle feuille de remboursements avec vos prêts en cours de remboursement ou en défaut, et la feuille Kiva loans (tous les prêts et leur statut) que Vérifier utilise quand Kiva est injoignable.',
    create: 'Créer le modèle de remboursements',
    creating: 'Création…',
    created: {
      one: 'Feuille «\u00a0{sheet}\u00a0» créée avec {count} prêt.',
      other: 'Feuille «\u00a0{sheet}\u00a0» créée avec {count} prêts.',
    },
    kivaLoans: {
      one: 'La feuille «\u00a0{sheet}\u00a0» liste {count} prêt de tous statuts, pour Vérifier quand Kiva est injoignable.',
      other:
        'La feuille «\u00a0{sheet}\u00a0» liste {count} prêts de tous statuts, pour Vérifier quand Kiva est injoignable.',
    },
  },
  diagnostics: {
    heading: 'Aide du support Kiva',
    help: 'Copie ce que le support Kiva demande sur les dernières requêtes. Les jetons d’accès sont retirés.',
    copy: 'Copier le diagnostic',
    copied: 'Copié\u00a0: collez-le dans votre message au support Kiva.',
    manual: 'La copie n’est pas permise ici\u00a0: sélectionnez le texte ci-dessous et copiez-le vous-même.',
  },
  ribbon: {
    validated: 'Feuille {sheet} vérifiée — erreurs\u00a0: {errors} · avertissements\u00a0: {warnings}.',
    sent: 'Envoyées à Kiva {env}\u00a0: {sent} sur {total} · à revoir\u00a0: {problems}.',
    openPane: 'Ouvrez le volet Kiva Sheets pour confirmer.',
    running: 'Une commande du ruban est en cours…',
  },
  errors: {
    'pane.not-connected': 'Kiva Sheets n’est pas encore relié à son serveur.',
    'pane.unexpected':
      'Un problème est survenu dans Kiva Sheets ({detail}). Réessayez\u202f; si cela se répète, copiez le diagnostic pour le support.',
    'sheet.none-active': 'Aucune feuille n’est active. Cliquez sur une feuille et réessayez.',
    'sheet.kind-unknown':
      'Kiva Sheets ne reconnaît pas le contenu de cette feuille. Choisissez son type dans l’onglet Feuille.',
    'sheet.kiva-loans':
      'C’est la feuille Kiva loans\u00a0: la liste avec laquelle les identifiants de prêt sont vérifiés quand Kiva est injoignable. Elle n’est jamais vérifiée ni envoyée\u202f; allez à votre rapport de remboursements.',
    'sheet.columns-missing':
      'La feuille n’a pas de colonne pour {fields}. Ajoutez-la ou choisissez-la dans l’onglet Feuille.',
    'sheet.nothing-selected': 'Sélectionnez d’abord les lignes (une cellule par ligne suffit).',
    'sheet.selection-already-sent':
      'Les lignes sélectionnées ont déjà été envoyées à Kiva {env}. Pour les envoyer de nouveau, choisissez «\u00a0Renvoyer\u00a0» dans l’onglet Envoyer du volet.',
    'sheet.nothing-to-send': 'Rien à envoyer dans ces lignes.',
    'sheet.cell-not-found': 'La cellule {address} n’existe plus. Vérifiez à nouveau la feuille.',
    'office.failed': 'Excel n’a pas pu terminer la tâche ({detail}). Réessayez.',
    'office.unsupported-version':
      'Cette version d’Excel est trop ancienne pour Kiva Sheets (il faut l’API Excel {minimum}\u00a0: Excel 2021, Microsoft 365 ou Excel sur le web). Mettez Excel à jour ou utilisez Excel sur le web.',
    'office.unavailable':
      'Kiva Sheets n’accède pas au classeur\u00a0: ouvrez-le depuis le groupe Kiva de l’onglet Accueil d’Excel.',
    'office.cell-edit-mode':
      'Excel est occupé pendant la saisie dans une cellule. Appuyez sur Entrée ou Échap, puis réessayez.',
    'office.payload-too-large': 'Trop de données à la fois pour Excel sur le web. Sélectionnez moins de lignes.',
    'pane.busy': 'Kiva Sheets est encore occupé par la tâche précédente. Attendez qu’elle se termine.',
    'photo.type': '{file}\u00a0: pas une photo JPEG ou PNG.',
    'photo.size': '{file} dépasse {max} Mo.',
    'photo.empty': '{file} est vide.',
    'photo.unreadable': '{file} n’a pas pu être lu.',
    'photo.no-selection': 'Sélectionnez d’abord la ligne de l’emprunteur.',
    'photo.no-photo-column':
      'Cette feuille n’a pas de colonne photo. Ajoutez-en une pour associer les photos par nom de fichier, ou ajoutez une photo à l’emprunteur sélectionné.',
    'photo.no-loan-column':
      'Cette feuille n’a pas de colonne d’identifiant de prêt\u00a0: impossible de lier une photo à une ligne.',
    'photo.no-loan-id': 'La ligne {row} n’a pas d’identifiant de prêt\u00a0: remplissez-le, puis ajoutez la photo.',
    'photo.column-exists': 'Cette feuille a déjà une colonne photo ({column}).',
    'clipboard.failed': 'La copie n’est pas permise ici\u00a0: sélectionnez le texte et copiez-le vous-même.',
    'signin.cancelled': 'La connexion a été annulée.',
    'signin.popup-blocked':
      'La fenêtre de connexion n’a pas pu s’ouvrir. Autorisez les fenêtres contextuelles pour Office et réessayez.',
    'signin.interaction-required': 'Veuillez vous connecter.',
    'signin.failed': 'La connexion Microsoft n’a pas fonctionné ({detail}).',
    'signin.unavailable': 'La connexion Microsoft n’est pas disponible dans cette version d’Office.',
    'server.unreachable': 'Le serveur Kiva Sheets est injoignable. Vérifiez votre connexion internet.',
    'server.starting': 'Le serveur Kiva Sheets démarre. Réessayez dans un instant.',
    'server.stopping': 'Le serveur Kiva Sheets s’arrête. Rien n’a été envoyé ; réessayez quand il sera de retour.',
    'server.error': 'Le serveur Kiva Sheets a rencontré un problème ({status}). Réessayez plus tard.',
    'auth.sign-in-required': 'Veuillez vous connecter avec votre compte professionnel.',
    'auth.invalid-token': 'Votre connexion n’a pas été acceptée. Reconnectez-vous.',
    'auth.not-allowed': 'Votre compte ne peut pas utiliser Kiva Sheets pour {env}. Demandez à votre administrateur.',
    'auth.run-token': 'Cette page n’est pas celle ouverte par le serveur Kiva Sheets. Rechargez le complément.',
    'auth.cross-site': 'La requête ne venait pas du volet Kiva Sheets. Rechargez le complément.',
    // security: local mode refuses other accounts of the computer, and unpaired panes where it cannot tell.
    'auth.other-user':
      'Ce serveur Kiva Sheets appartient à un autre compte de cet ordinateur. Lancez Kiva Sheets sous votre propre compte.',
    'auth.pairing-required':
      'Ce volet n’est pas encore connecté au serveur Kiva Sheets\u00a0: saisissez le code d’appairage.',
    'auth.pairing-code':
      'Ce n’est pas le code affiché par la fenêtre de Kiva Sheets. Vérifiez-le et réessayez (essais restants avant un nouveau code\u00a0: {attemptsLeft}).',
    'environment.not-configured': 'Kiva {env} n’est pas configuré sur le serveur.',
    // security: the server refuses production without the pane's confirmation (docs/server.md).
    'production.confirmation-required':
      'Kiva production demande votre confirmation des lignes à envoyer. Appuyez sur Envoyer dans l’onglet Envoyer du volet et confirmez-y.',
    'production.confirmation-exceeded':
      'Vous avez confirmé moins de lignes pour Kiva production ({confirmed}) que la feuille n’en a maintenant à envoyer. Rien de plus n’a été envoyé\u00a0: appuyez à nouveau sur Envoyer et vérifiez le nombre.',
    'request.rate-limited': 'Trop de requêtes à la fois. Attendez une minute et réessayez.',
    'request.too-large': 'Trop de données à envoyer d’un coup (souvent à cause des photos). Envoyez moins de lignes.',
    'request.invalid': 'Le serveur n’a pas pu lire la requête ({detail}).',
    // period : lignes que le registre d’envois du serveur retient, et la période du rapport.
    'ledger.changed': 'Modifié depuis l’envoi\u00a0: pas renvoyé. Corrigez dans PA2, ou choisissez Renvoyer.',
    'ledger.in-flight': 'En cours d’envoi par {sentBy}\u00a0: pas envoyé deux fois.',
    'period.invalid': 'La période du rapport doit être un mois, au format AAAA-MM (trouvé «\u00a0{period}\u00a0»).',
    duplicate: 'Déjà envoyé à Kiva {environment} le {sentAt} par {sentBy}\u202f; pas renvoyé.',
    'auth.bad-credentials':
      'Kiva a refusé l’identifiant ou le secret du serveur pour cet environnement. Demandez à votre administrateur.',
    'auth.audience-refused':
      'Kiva a refusé l’audience configurée sur le serveur ({audience})\u00a0: {description}. Vérifiez l’audience (Kiva documente deux valeurs pour le test (stage)\u00a0: {stageAudiences}).',
    'auth.scope-refused':
      'Kiva a refusé les permissions {scopes}\u00a0: {description}. Demandez à Kiva de les activer.',
    'auth.token-refused': 'Kiva a refusé l’accès\u00a0: {message}',
    'auth.token-unavailable': 'Le service d’accès de Kiva est injoignable ({reason}).',
    'auth.bad-token-response': 'Le service d’accès de Kiva a répondu quelque chose d’illisible.',
    'auth.no-partner-id':
      'Kiva n’a pas indiqué à quel partenaire appartiennent ces identifiants. Demandez à votre administrateur.',
    'auth.unauthorized': 'Kiva a refusé l’accès même après l’avoir renouvelé\u00a0: {message}',
    'auth.missing-scope':
      'Les identifiants Kiva n’ont pas l’autorisation «\u00a0{scope}\u00a0». Demandez à Kiva de l’ajouter.',
    'auth.forbidden': 'Kiva a refusé cette action (autorisation «\u00a0{scope}\u00a0»). {message}',
    'kiva.unavailable':
      'Kiva était occupé ou indisponible à chaque essai. Rien n’a été appliqué\u202f; réessayez plus tard.',
    'kiva.rejected': 'Kiva a refusé la requête\u00a0: {message}',
    'kiva.server-error': 'Le serveur de Kiva a échoué\u00a0: {message}',
    'kiva.bad-response': 'Kiva a répondu quelque chose d’illisible.',
    'network.unreachable': 'Kiva est injoignable\u202f; rien n’a été envoyé.',
    'network.timeout': 'Kiva n’a pas répondu à temps.',
    'network.connection-lost': 'La connexion avec Kiva a été perdue.',
    'request.cancelled': 'Annulé.',
    'config.invalid-environment':
      'Les réglages Kiva du serveur ne sont pas valides ({field}). Demandez à votre administrateur.',
    'config.out-of-range': 'Le réglage {setting} doit être entre {min} et {max}.',
  },
  duplicate: {
    sent: 'Déjà envoyé à Kiva {environment} le {sentAt} par {sentBy}\u202f; pas renvoyé.',
    uncertain:
      'Envoyé à Kiva {environment} le {sentAt} par {sentBy} sans réponse sûre\u00a0: vérifiez PA2, puis utilisez «\u00a0Renvoyer\u00a0» s’il n’y est pas.',
    'in-flight': '{sentBy} l’envoie à Kiva {environment} en ce moment\u202f; pas envoyé deux fois.',
  },
  // period : le registre d’envois dans le volet — rapprocher avant Vérifier et Envoyer, lignes modifiées, la période.
  ledger: {
    periodLabel: 'Période du rapport',
    periodMonth: 'Mois',
    periodYear: 'Année',
    periodHelp: 'Le mois de ces remboursements. Kiva reçoit un rapport par prêt et par période.',
    periodDefault: 'Le mois précédent, sauf si vous en choisissez un autre.',
    periodSaved: 'Conservée dans ce classeur.',
    restored: {
      one: '{count} ligne était déjà chez Kiva (envoyée plus tôt)\u00a0: elle est marquée Envoyée.',
      other: '{count} lignes étaient déjà chez Kiva (envoyées plus tôt)\u00a0: elles sont marquées Envoyées.',
    },
    changed: {
      one: '{count} ligne a changé depuis son envoi et ne sera pas envoyée. Corrigez dans PA2, ou choisissez Renvoyer.',
      other:
        '{count} lignes ont changé depuis leur envoi et ne seront pas envoyées. Corrigez dans PA2, ou choisissez Renvoyer.',
    },
    resendChanged: 'Renvoyer les lignes modifiées depuis l’envoi («\u00a0Renvoyer\u00a0»)',
    confirmChanged: {
      one: '{count} ligne a changé depuis son envoi\u00a0: Kiva recevra le nouveau contenu en plus de l’ancien.',
      other: '{count} lignes ont changé depuis leur envoi\u00a0: Kiva recevra le nouveau contenu en plus de l’ancien.',
    },
    summaryEarlier: {
      one: '{count} ligne était déjà chez Kiva\u00a0: marquée Envoyée, pas renvoyée.',
      other: '{count} lignes étaient déjà chez Kiva\u00a0: marquées Envoyées, pas renvoyées.',
    },
    earlierRows: 'Déjà chez Kiva — envoyées plus tôt',
    changedRows: 'Modifiées depuis l’envoi — pas envoyées',
    sentEarlier: 'Envoyée {at} par {user}',
    changedDetail: '{changes} — envoyée {at} par {user}',
    changedUnknown: 'Kiva a un autre contenu — envoyée {at} par {user}',
    earlierUncertain: 'Envoyée {at} par {user} sans réponse sûre\u00a0: vérifiez dans PA2',
    inFlight: 'En cours d’envoi par {user}',
    someone: 'cet ordinateur',
  },
  errorFallback: 'Un problème est survenu ({code}).',
};
