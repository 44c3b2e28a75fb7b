import type { Catalogue } from './catalogue';

export const fr: Catalogue = {
  issues: {
    'sheet-empty': 'La feuille est vide\u00a0: les en-têtes vont en ligne 1.',
    'kind-unknown':
      'Impossible de reconnaître le contenu de la feuille d’après ses en-têtes\u00a0: nommez les colonnes comme dans le modèle (par exemple loan_id, montant) ou choisissez le type de feuille à la main.',
    'kind-ask':
      'Impossible de savoir ce que contient cette feuille ({kinds})\u00a0: choisissez son type (onglet Feuille du volet, ou --kind en ligne de commande). Rien n’est lu comme brouillons de prêt par supposition.',
    'column-missing': 'Aucune colonne pour «\u00a0{field}\u00a0»\u00a0: ajoutez une colonne avec cet en-tête.',
    'column-duplicate': 'La colonne «\u00a0{header}\u00a0» répète la colonne {first}\u00a0: celle-ci est ignorée.',
    'column-ignored': 'La colonne «\u00a0{header}\u00a0» n’est pas envoyée.',
    'excel-error': 'La cellule affiche l’erreur Excel {value}\u00a0: corrigez la formule ou saisissez la valeur.',
    'unreadable-cell': 'Le contenu de cette cellule ne peut pas être lu ({value}).',
    'required-missing': '«\u00a0{header}\u00a0» est obligatoire.',
    'recommended-missing': '«\u00a0{header}\u00a0» est vide\u00a0: PA2 le demandera avant de publier le prêt.',
    'expected-text': 'Texte ou identifiant attendu\u202f; trouvé {value}.',
    'text-too-long': 'Trop long\u00a0: {length} caractères (au plus {max}).',
    'text-very-long':
      'Texte très long\u00a0: {length} caractères (une cellule Excel en contient au plus {max})\u202f; Kiva pourrait le raccourcir.',
    'formula-like-text':
      'Commence par «\u00a0{first}\u00a0»\u00a0: envoyé à Kiva comme texte, tel qu’écrit, sans calcul.',
    'id-not-integer':
      '{value} n’est pas un nombre entier\u00a0: un identifiant n’a pas de décimales (saisissez-le comme texte s’il en a).',
    'id-precision-lost':
      'Cet identifiant est enregistré comme le nombre {value}\u00a0: Excel ne garde que 15 chiffres, les derniers sont perdus. Mettez la colonne au format Texte et saisissez l’identifiant à nouveau.',
    'not-a-number': '«\u00a0{value}\u00a0» n’est pas un nombre.',
    'number-ambiguous':
      '«\u00a0{value}\u00a0» peut se lire comme deux nombres différents\u00a0: écrivez-le sans séparateur de milliers (par exemple 1234).',
    'number-wrong-separator':
      '«\u00a0{value}\u00a0» n’est pas écrit avec le séparateur décimal «\u00a0{separator}\u00a0».',
    'number-too-large': '{value} est trop grand pour être un montant.',
    'too-many-decimals': '{value} a plus de 2 décimales.',
    'amount-not-positive': 'Le montant doit être supérieur à 0 (trouvé {value}).',
    'amount-negative': 'Le montant doit être positif ou nul (trouvé {value}).',
    'publish-column-missing':
      'Aucune colonne n’est «\u00a0{fieldName}\u00a0»\u00a0: PA2 le demandera pour chaque prêt avant publication.',
    'publish-column-guess':
      'Aucune colonne n’est «\u00a0{fieldName}\u00a0»\u00a0: PA2 le demandera avant publication. Est-ce la colonne {column} ({header})\u202f? Associez-la dans l’onglet Feuille.',
    'waiver-not-given': 'La décharge du client n’est pas signée\u00a0: PA2 ne publiera pas le prêt sans elle.',
    'schedule-sheet-missing':
      'Pas de feuille d’échéancier\u00a0: PA2 demandera un échéancier pour chaque prêt avant publication. Ajoutez une feuille avec loan_id, date, capital et intérêts.',
    'schedule-missing':
      'Pas d’échéancier pour ce prêt (aucune ligne dans une feuille d’échéancier)\u00a0: PA2 en demandera un avant publication.',
    'amount-publish-minimum':
      'Le montant du prêt {amount} est inférieur ou égal au minimum de publication de Kiva ({floor}).',
    'disburse-date-near-limit':
      'Date de décaissement {date}\u00a0: PA2 ne publie un prêt que jusqu’à 30 jours après son décaissement, soit jusqu’au {last}.',
    'repayment-zero':
      'Un remboursement de 0 est envoyé comme 0 (rien remboursé sur cette période). Laissez le montant vide si ce prêt n’est pas déclaré\u202f; vos Réglages peuvent faire de 0 une erreur.',
    'gender-not-given':
      '«\u00a0{value}\u00a0»\u00a0: le genre est laissé hors du brouillon\u202f; PA2 le demandera avant la publication.',
    'number-negative': 'Doit être 0 ou plus (trouvé {value}).',
    'date-format':
      '«\u00a0{value}\u00a0» n’est pas une date\u00a0: saisissez une date Excel ou écrivez AAAA-MM-JJ (par exemple 2026-03-04). L’ordre du jour et du mois n’est jamais deviné.',
    'date-invalid': '{value} n’est pas une vraie date\u00a0: vérifiez le jour et le mois.',
    'date-fictitious':
      '{value} n’a jamais existé (une bizarrerie héritée de Lotus 1-2-3 par Excel)\u00a0: vérifiez la date.',
    'date-out-of-range': '{value} ne peut pas être lu comme une date.',
    'date-from-number':
      'Le nombre {value} a été lu comme la date {date}\u00a0: mettez la cellule au format date pour confirmer.',
    'disburse-date-window':
      'La date de décaissement {date} est hors de ce que PA2 accepte aujourd’hui\u00a0: du {from} au {to}.',
    'yesno-invalid':
      '«\u00a0{value}\u00a0» n’est ni oui ni non\u00a0: écrivez oui/non, yes/no, sí/no, VRAI/FAUX, 1/0, ou x / vide.',
    'gender-invalid':
      '«\u00a0{value}\u00a0» n’est pas un genre\u00a0: écrivez homme ou femme (H/F, male/female, hombre/mujer conviennent aussi).',
    'gender-ambiguous':
      '«\u00a0{value}\u00a0» est ambigu dans une colonne qui utilise aussi H\u00a0: il peut signifier masculin ou mujer (femme). Écrivez homme ou femme.',
    'duplicate-loan-id': 'Le prêt {value} apparaît plusieurs fois (lignes {rows})\u00a0: une ligne par prêt.',
    'group-inconsistent':
      '«\u00a0{header}\u00a0» diffère de la valeur du groupe en {first} ({value})\u00a0: toutes les lignes d’un groupe doivent avoir la même valeur.',
    'group-field-ignored':
      '«\u00a0{header}\u00a0» ne concerne que les prêts de groupe (lignes partageant un internal_loan_id)\u00a0: non envoyé pour ce prêt individuel.',
    'group-incomplete':
      'Le groupe {value} a aussi les lignes {rows}, masquées ou non sélectionnées\u00a0: sélectionnez tout le groupe.',
    'group-single-borrower': 'Le groupe {value} n’a qu’un seul emprunteur.',
    'lookup-unknown':
      '«\u00a0{value}\u00a0» ne figure pas dans votre liste Kiva des {list}. Le plus proche\u00a0: {choices}.',
    'lookup-ambiguous': '«\u00a0{value}\u00a0» correspond à plusieurs {list}\u00a0: {choices}. Écrivez le nom complet.',
    'lookup-lists-missing': 'Les listes Kiva ne sont pas chargées\u00a0: actualisez-les pour vérifier les {list}.',
    'currency-unknown':
      '«\u00a0{value}\u00a0» n’est pas une devise de vos paramètres régionaux Kiva. Le plus proche\u00a0: {choices}.',
    'photo-error': 'La photo «\u00a0{value}\u00a0» n’a pas pu être lue ({detail}).',
    'photo-invalid': 'La photo n’est pas une image JPEG, PNG, GIF ou WebP en data URI base64.',
    'url-invalid': '«\u00a0{value}\u00a0» n’est pas une adresse web commençant par https:// ou http://.',
    'journal-subject-missing':
      'La mise à jour n’a pas d’objet\u00a0: les exemples de Kiva en ont toujours un, et les prêteurs le voient comme son titre.',
    'schedule-orphan': 'Aucun prêt {value} dans la feuille des prêts pour cette échéance.',
    'schedule-duplicate-date': 'Une autre échéance de ce prêt tombe aussi le {date}.',
    'schedule-empty-instalment': 'Cette échéance n’a ni capital ni intérêts.',
    'schedule-sum-mismatch': 'Le capital de l’échéancier totalise {sum}\u202f; le montant du prêt est {amount}.',
    // recognition: the portfolio check against the partner's loans at Kiva (portfolio.ts).
    'loan-not-listed':
      'Kiva ne liste pas le prêt {value} parmi les prêts de votre institution\u00a0: Kiva refusera cette ligne. Vérifiez l’identifiant du prêt dans PA2.',
    'loan-not-repaying':
      'Le prêt {value} est {status} selon Kiva, pas en remboursement\u00a0: Kiva risque de ne pas appliquer ce remboursement. Vérifiez le prêt dans PA2.',
    'loan-id-spelling':
      'Kiva liste ce prêt sous {expected}, pas {value} (zéros de tête perdus, ou autre casse)\u00a0: Kiva risque de ne pas le trouver. Écrivez {expected}, dans une colonne au format Texte.',
    'client-id-mismatch':
      'L’identifiant client {value} n’est pas le client du prêt {loan} chez Kiva ({expected})\u00a0: Kiva refusera cette ligne.',
  },
  lists: {
    activity: 'activités',
    theme: 'thèmes',
    location: 'lieux',
    language: 'langues',
    currency: 'devises',
  },
  // Kiva's fields as a coordinator knows them (the pane's Sheet tab, and messages about a missing column).
  fields: {
    loan_id: 'Id du prêt',
    client_id: 'Id du client',
    amount: 'Montant',
    first_name: 'Prénom',
    last_name: 'Nom',
    gender: 'Genre',
    not_pictured: 'Absent de la photo',
    internal_loan_id: 'Id du prêt de groupe',
    group_name: 'Nom du groupe',
    internal_client_id: 'Id client du groupe',
    activity: 'Activité',
    theme: 'Thème',
    location: 'Lieu',
    language: 'Langue de la description',
    currency: 'Devise',
    disburse_time: 'Date de décaissement',
    description: 'Description',
    loanuse: 'Utilisation du prêt',
    client_waiver_signed: 'Décharge signée',
    photo: 'Photo',
    date: 'Date d’échéance',
    principal: 'Capital',
    interest: 'Intérêts',
    subject: 'Objet',
    body: 'Texte',
    image_url: 'Adresse web de l’image',
  },
  kinds: {
    loans: 'brouillons de prêt',
    schedule: 'échéancier',
    repayments: 'rapport de remboursements',
    journals: 'mises à jour (journal)',
  },
  kindReasons: {
    override: '{kind} — type choisi par vous',
    headers: { one: '{kind} — d’après la colonne {headers}', other: '{kind} — d’après les colonnes {headers}' },
    repaymentHeaders: '{kind} — d’après les colonnes {headers}, sans aucune colonne propre aux brouillons de prêt',
    sheetName: '{kind} — d’après le nom de la feuille «\u00a0{sheet}\u00a0» (les colonnes conviennent à {among})',
    ask: {
      several: 'non décidé — les colonnes conviennent à {among}, et le nom de la feuille ne dit pas lequel',
      'name-conflict':
        'non décidé — les colonnes conviennent à {among}, mais le nom de la feuille «\u00a0{sheet}\u00a0» dit {named}',
      'too-little':
        'non décidé — les colonnes désignent des prêts mais ne contiennent ni montant, ni date, ni texte à envoyer',
    },
    none: 'pas une feuille pour Kiva — aucune colonne ne désigne un montant, un champ de prêt ou une mise à jour',
    kivaLoans:
      'la liste des prêts chez Kiva — ce avec quoi les identifiants de prêt sont vérifiés quand Kiva est injoignable\u202f; jamais vérifiée ni envoyée',
  },
  none: 'aucun',
  punctuation: { colon: '\u00a0: ', semicolon: '\u202f; ' },
  // recognition: an identical message in many rows, said once.
  repeated: { one: 'Dans {count} ligne\u00a0: {message}', other: 'Dans {count} lignes\u00a0: {message}' },
  environments: { stage: 'test (stage)', production: 'production', custom: 'personnalisé' },
  // recognition: Kiva's loan statuses in a sentence (`Kiva lists loan 1042 as ended`); others are shown as Kiva spells them.
  // recognition: a message caused by a setting ends by naming it (formatMessage; params setting, settingValue).
  settingCause:
    'Parce que le réglage «\u00a0{setting}\u00a0» est «\u00a0{value}\u00a0» (Réglages, dans l’onglet Outils du volet).',
  settingCauseFrom: {
    environment:
      'Parce que {variable} est défini pour la ligne de commande (dans son environnement ou un fichier .env).',
    file: 'Parce que ce fichier sépare ses champs par des points-virgules, ce qui va avec la virgule décimale.',
  },
  // recognition: a portfolio finding made against the Kiva loans sheet ends by naming it and its date.
  portfolioFromSheet: 'Vérifié avec la feuille «\u00a0{sheet}\u00a0» lue le {date}, pas directement auprès de Kiva.',
  settingNames: {
    decimalSeparator: 'Séparateur décimal',
    threeColumn: 'Format du rapport de remboursements',
    zeroRepayment: 'Un remboursement de 0',
    localAmountFloor: 'Minimum de publication en monnaie locale',
  },
  settingValues: {
    decimalSeparator: { '.': 'point (1234.5)', ',': 'virgule (1234,5)' },
    threeColumn: {
      true: 'trois colonnes (identifiant du prêt, identifiant client, montant)',
      false: 'deux colonnes (identifiant du prêt, montant)',
    },
    zeroRepayment: { warning: 'envoyé avec un avertissement', error: 'une erreur' },
  },
  loanStatuses: {
    payingBack: 'en remboursement',
    defaulted: 'en défaut',
    fundRaising: 'en collecte',
    raised: 'financé',
    ended: 'terminé',
    expired: 'expiré',
    inactive: 'inactif',
    inactive_expired: 'inactif (expiré)',
    refunded: 'remboursé aux prêteurs',
    reviewed: 'examiné',
    issue: 'avec un problème',
    issue_revising: 'en révision',
    issue_approving: 'en attente d’approbation',
    deleted: 'supprimé',
  },
  status: {
    header: 'Statut Kiva',
    sent: 'Envoyé',
    error: 'Erreur',
    invalid: 'Invalide',
    uncertain: 'Incertain',
    checkBeforeResending: 'vérifiez PA2 avant de renvoyer',
    reasons: {
      timeout: 'pas de réponse à temps',
      'connection-lost': 'la connexion a été perdue',
      'server-error': 'le serveur de Kiva a échoué',
      'not-kiva': 'la réponse ne venait pas de Kiva (page de connexion ou de proxy\u202f?)',
      'unplaced-problem': 'Kiva a signalé une erreur pour un prêt qui ne correspond à aucune ligne',
      'earlier-uncertain': 'un envoi précédent n’a pas eu de réponse sûre',
    },
    // ledgerpane: Kiva a accepté la ligne avec des avertissements.
    sentWithWarnings: 'Envoyé avec avertissements',
    kivaWarning: 'Kiva\u00a0: {warning}',
    kivaWarnings: {
      'loan.not.repaying': 'le prêt n’est pas en remboursement chez Kiva (vérifiez son statut dans PA2)',
      'client.mismatch': 'l’identifiant client n’est pas le client de ce prêt chez Kiva',
    },
    ledger: {
      sentEarlier: 'envoyé plus tôt par {user}',
      changed: 'Modifié depuis l’envoi',
      changedDetail: '{changes} (envoyé {at} par {user})\u00a0: corrigez dans PA2, ou choisissez Renvoyer',
      changedUnknown:
        'Kiva a un autre contenu, envoyé {at} par {user}\u00a0: corrigez dans PA2, ou choisissez Renvoyer',
      change: '{field} {was} → {now}',
      someone: 'cet ordinateur',
      earlierUncertain: 'envoyé {at} par {user} sans réponse sûre',
      inFlight: 'en cours d’envoi par {user}\u202f; pas envoyé deux fois',
      fields: {
        amount: 'montant',
        disbursal: 'date de décaissement',
        borrowers: 'emprunteurs',
        subject: 'objet',
      },
    },
    // ledger: ce que le registre des envois sait d’une ligne.
    ledgerRows: {
      sentEarlierBy: 'envoyé plus tôt par {user}',
      sentEarlier: 'envoyé plus tôt depuis cet ordinateur',
      uncertainEarlier: 'envoyé le {at} par {user} sans réponse sûre',
      runStopped: 'l’envoi du {at} s’est arrêté avant la réponse de Kiva',
      changed: 'modifié depuis l’envoi du {at} par {user} ({changes})\u00a0: corrigez dans PA2 ou choisissez Renvoyer',
      changedOther: 'la ligne a changé',
      someone: 'l’administrateur de cet ordinateur',
    },
  },
  logHeaders: ['Heure', 'Environnement', 'Service', 'Lignes', 'Statut HTTP', 'Référence ou message de Kiva'],
};
