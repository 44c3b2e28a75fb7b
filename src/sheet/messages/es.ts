import type { Catalogue } from './catalogue';

export const es: Catalogue = {
  issues: {
    'sheet-empty': 'La hoja está vacía: los encabezados van en la fila 1.',
    'kind-unknown':
      'No se reconoce el contenido de la hoja por sus encabezados: nombre las columnas como en la plantilla (por ejemplo loan_id, monto) o elija el tipo de hoja a mano.',
    'kind-ask':
      'No se puede saber qué contiene esta hoja ({kinds}): elija su tipo (pestaña Hoja del panel, o --kind en la línea de comandos). Nada se lee como borradores de préstamo por suposición.',
    'column-missing': 'Falta una columna para «{field}»: agregue una columna con ese encabezado.',
    'column-duplicate': 'La columna «{header}» repite la columna {first}: se ignora esta.',
    'column-ignored': 'La columna «{header}» no se envía.',
    'excel-error': 'La celda muestra el error de Excel {value}: corrija la fórmula o escriba el valor.',
    'unreadable-cell': 'No se puede leer el contenido de esta celda ({value}).',
    'required-missing': '«{header}» es obligatorio.',
    'recommended-missing': '«{header}» está vacío: PA2 lo pedirá antes de publicar el préstamo.',
    'expected-text': 'Se esperaba texto o un identificador; se encontró {value}.',
    'text-too-long': 'Demasiado largo: {length} caracteres (máximo {max}).',
    'text-very-long':
      'Texto muy largo: {length} caracteres (una celda de Excel admite como máximo {max}); Kiva podría acortarlo.',
    'formula-like-text': 'Empieza con «{first}»: se envía a Kiva como texto, tal como está escrito, sin calcular.',
    'id-not-integer':
      '{value} no es un número entero: un identificador no lleva decimales (escríbalo como texto si los tiene).',
    'id-precision-lost':
      'Este identificador está guardado como el número {value}: Excel conserva solo 15 dígitos y se perdieron los últimos. Dé formato de Texto a la columna y escriba el identificador de nuevo.',
    'not-a-number': '«{value}» no es un número.',
    'number-ambiguous':
      '«{value}» puede leerse como dos números distintos: escríbalo sin separador de miles (por ejemplo 1234).',
    'number-wrong-separator': '«{value}» no está escrito con el separador decimal «{separator}».',
    'number-too-large': '{value} es demasiado grande para ser un monto.',
    'too-many-decimals': '{value} tiene más de 2 decimales.',
    'amount-not-positive': 'El monto debe ser mayor que 0 (se encontró {value}).',
    'amount-negative': 'El monto debe ser 0 o más (se encontró {value}).',
    'publish-column-missing': 'Ninguna columna es «{fieldName}»: PA2 lo pedirá en cada préstamo antes de publicar.',
    'publish-column-guess':
      'Ninguna columna es «{fieldName}»: PA2 lo pedirá antes de publicar. ¿Es la columna {column} ({header})? Asígnela en la pestaña Hoja.',
    'waiver-not-given': 'La renuncia del cliente no está firmada: PA2 no publicará el préstamo sin ella.',
    'schedule-sheet-missing':
      'No hay hoja de calendario: PA2 pedirá un calendario de pagos para cada préstamo antes de publicar. Agregue una hoja con loan_id, fecha, capital e interés.',
    'schedule-missing':
      'Este préstamo no tiene calendario de pagos (ninguna fila en una hoja de calendario): PA2 lo pedirá antes de publicar.',
    'amount-publish-minimum':
      'El monto del préstamo {amount} está en o por debajo del mínimo de publicación de Kiva ({floor}).',
    'disburse-date-near-limit':
      'Fecha de desembolso {date}: PA2 publica un préstamo solo hasta 30 días después del desembolso, es decir hasta el {last}.',
    'repayment-zero':
      'Un pago de 0 se envía como 0 (nada pagado en este período). Deje el monto vacío si este préstamo no se reporta; sus Ajustes pueden hacer de 0 un error.',
    'gender-not-given': '«{value}»: el género no se incluye en el borrador; PA2 lo pedirá antes de publicar.',
    'number-negative': 'Debe ser 0 o más (se encontró {value}).',
    'date-format':
      '«{value}» no es una fecha: ingrese una fecha de Excel o escriba AAAA-MM-DD (por ejemplo 2026-03-04). Nunca se adivina el orden de día y mes.',
    'date-invalid': '{value} no es una fecha real: revise el día y el mes.',
    'date-fictitious': '{value} nunca existió (una peculiaridad que Excel heredó de Lotus 1-2-3): revise la fecha.',
    'date-out-of-range': '{value} no puede leerse como fecha.',
    'date-from-number':
      'El número {value} se leyó como la fecha {date}: dé formato de fecha a la celda para confirmarlo.',
    'disburse-date-window': 'La fecha de desembolso {date} está fuera de lo que PA2 acepta hoy: de {from} a {to}.',
    'yesno-invalid': '«{value}» no es sí o no: escriba sí/no, yes/no, oui/non, VERDADERO/FALSO, 1/0, o x / vacío.',
    'gender-invalid':
      '«{value}» no es un género: escriba hombre o mujer (también valen M/F, male/female, homme/femme).',
    'gender-ambiguous':
      '«{value}» es ambiguo en una columna que también usa H: puede significar masculino o mujer. Escriba hombre o mujer.',
    'duplicate-loan-id': 'El préstamo {value} aparece más de una vez (filas {rows}): una fila por préstamo.',
    'group-inconsistent':
      '«{header}» difiere del valor del grupo en {first} ({value}): todas las filas de un grupo deben tener el mismo valor.',
    'group-field-ignored':
      '«{header}» es solo para préstamos grupales (filas con el mismo internal_loan_id): no se envía para este préstamo individual.',
    'group-incomplete':
      'El grupo {value} tiene además las filas {rows}, ocultas o no seleccionadas: seleccione todo el grupo.',
    'group-single-borrower': 'El grupo {value} tiene un solo prestatario.',
    'lookup-unknown': '«{value}» no está en su lista de {list} de Kiva. Lo más parecido: {choices}.',
    'lookup-ambiguous':
      '«{value}» coincide con más de un nombre de la lista de {list}: {choices}. Escriba el nombre completo.',
    'lookup-lists-missing': 'Las listas de Kiva no están cargadas: actualícelas para verificar la lista de {list}.',
    'currency-unknown':
      '«{value}» no es una moneda de sus configuraciones regionales de Kiva. Lo más parecido: {choices}.',
    'photo-error': 'No se pudo leer la foto «{value}» ({detail}).',
    'photo-invalid': 'La foto no es una imagen JPEG, PNG, GIF o WebP en un data URI base64.',
    'url-invalid': '«{value}» no es una dirección web que empiece por https:// o http://.',
    'journal-subject-missing':
      'La actualización no tiene asunto: los ejemplos de Kiva siempre llevan uno, y los prestamistas lo ven como su título.',
    'schedule-orphan': 'No hay un préstamo {value} en la hoja de préstamos para esta cuota.',
    'schedule-duplicate-date': 'Otra cuota de este préstamo vence también el {date}.',
    'schedule-empty-instalment': 'Esta cuota no tiene ni capital ni interés.',
    'schedule-sum-mismatch': 'El capital del calendario suma {sum}; el monto del préstamo es {amount}.',
    // recognition: the portfolio check against the partner's loans at Kiva (portfolio.ts).
    'loan-not-listed':
      'Kiva no tiene el préstamo {value} entre los préstamos de su institución: Kiva rechazará esta fila. Revise el ID del préstamo en PA2.',
    'loan-not-repaying':
      'El préstamo {value} está {status} según Kiva, no en reembolso: Kiva puede no aplicar este pago. Revise el préstamo en PA2.',
    'loan-id-spelling':
      'Kiva tiene este préstamo como {expected}, no {value} (ceros a la izquierda perdidos u otras mayúsculas): Kiva puede no encontrarlo. Escriba {expected}, en una columna con formato Texto.',
    'client-id-mismatch':
      'El ID de cliente {value} no es el cliente del préstamo {loan} en Kiva ({expected}): Kiva rechazará esta fila.',
  },
  lists: {
    activity: 'actividades',
    theme: 'temas',
    location: 'ubicaciones',
    language: 'idiomas',
    currency: 'monedas',
  },
  // Kiva's fields as a coordinator knows them (the pane's Sheet tab, and messages about a missing column).
  fields: {
    loan_id: 'Id del préstamo',
    client_id: 'Id del cliente',
    amount: 'Monto',
    first_name: 'Nombre',
    last_name: 'Apellido',
    gender: 'Género',
    not_pictured: 'No aparece en la foto',
    internal_loan_id: 'Id del préstamo grupal',
    group_name: 'Nombre del grupo',
    internal_client_id: 'Id del cliente grupal',
    activity: 'Actividad',
    theme: 'Tema',
    location: 'Ubicación',
    language: 'Idioma de la descripción',
    currency: 'Moneda',
    disburse_time: 'Fecha de desembolso',
    description: 'Descripción',
    loanuse: 'Uso del préstamo',
    client_waiver_signed: 'Renuncia firmada',
    photo: 'Foto',
    date: 'Fecha de la cuota',
    principal: 'Capital',
    interest: 'Interés',
    subject: 'Asunto',
    body: 'Texto',
    image_url: 'Dirección web de la imagen',
  },
  kinds: {
    loans: 'borradores de préstamo',
    schedule: 'calendario de pagos',
    repayments: 'reporte de pagos',
    journals: 'actualizaciones (journals)',
  },
  kindReasons: {
    override: '{kind} — tipo elegido por usted',
    headers: { one: '{kind} — por la columna {headers}', other: '{kind} — por las columnas {headers}' },
    repaymentHeaders: '{kind} — por las columnas {headers}, sin ninguna columna propia de los borradores de préstamo',
    sheetName: '{kind} — por el nombre de la hoja «{sheet}» (las columnas sirven para {among})',
    ask: {
      several: 'sin decidir — las columnas sirven para {among} y el nombre de la hoja no dice cuál',
      'name-conflict':
        'sin decidir — las columnas sirven para {among}, pero el nombre de la hoja «{sheet}» dice {named}',
      'too-little': 'sin decidir — las columnas nombran préstamos pero no tienen monto, fecha ni texto que enviar',
    },
    none: 'no es una hoja para Kiva — ninguna columna nombra un monto, un campo de préstamo o una actualización',
    kivaLoans:
      'la lista de préstamos de Kiva — con la que se verifican los ID de préstamo cuando no se puede contactar a Kiva; nunca se revisa ni se envía',
  },
  none: 'ninguno',
  punctuation: { colon: ': ', semicolon: '; ' },
  // recognition: an identical message in many rows, said once.
  repeated: { one: 'En {count} fila: {message}', other: 'En {count} filas: {message}' },
  environments: { stage: 'pruebas (stage)', production: 'producción', custom: 'personalizado' },
  // recognition: Kiva's loan statuses in a sentence (`Kiva lists loan 1042 as ended`); others are shown as Kiva spells them.
  // recognition: a message caused by a setting ends by naming it (formatMessage; params setting, settingValue).
  settingCause: 'Porque el ajuste «{setting}» es «{value}» (Ajustes, en la pestaña Herramientas del panel).',
  settingCauseFrom: {
    environment: 'Porque {variable} está definido para la línea de comandos (en su entorno o en un archivo .env).',
    file: 'Porque este archivo separa sus campos con «;», lo que va con la coma decimal.',
  },
  // recognition: a portfolio finding made against the Kiva loans sheet ends by naming it and its date.
  portfolioFromSheet: 'Verificado con la hoja «{sheet}» leída el {date}, no directamente con Kiva.',
  settingNames: {
    decimalSeparator: 'Separador decimal',
    threeColumn: 'Formato del reporte de pagos',
    zeroRepayment: 'Un pago de 0',
    localAmountFloor: 'Mínimo de publicación en moneda local',
  },
  settingValues: {
    decimalSeparator: { '.': 'punto (1234.5)', ',': 'coma (1234,5)' },
    threeColumn: {
      true: 'tres columnas (ID del préstamo, ID del cliente, monto)',
      false: 'dos columnas (ID del préstamo, monto)',
    },
    zeroRepayment: { warning: 'se envía con una advertencia', error: 'un error' },
  },
  loanStatuses: {
    payingBack: 'en reembolso',
    defaulted: 'en mora',
    fundRaising: 'en recaudación',
    raised: 'financiado',
    ended: 'terminado',
    expired: 'vencido',
    inactive: 'inactivo',
    inactive_expired: 'inactivo (vencido)',
    refunded: 'reembolsado a los prestamistas',
    reviewed: 'revisado',
    issue: 'con un problema',
    issue_revising: 'en revisión',
    issue_approving: 'pendiente de aprobación',
    deleted: 'eliminado',
  },
  status: {
    header: 'Estado Kiva',
    sent: 'Enviado',
    error: 'Error',
    invalid: 'No válido',
    uncertain: 'Incierto',
    checkBeforeResending: 'revise PA2 antes de reenviar',
    reasons: {
      timeout: 'sin respuesta a tiempo',
      'connection-lost': 'se perdió la conexión',
      'server-error': 'falló el servidor de Kiva',
      'not-kiva': 'la respuesta no era de Kiva (¿una página de acceso o de proxy?)',
      'unplaced-problem': 'Kiva informó un error de un préstamo que no corresponde a ninguna fila',
      'earlier-uncertain': 'un envío anterior no tuvo respuesta segura',
    },
    // ledgerpane: Kiva aceptó la fila con advertencias.
    sentWithWarnings: 'Enviado con advertencias',
    kivaWarning: 'Kiva: {warning}',
    kivaWarnings: {
      'loan.not.repaying': 'el préstamo no está en reembolso en Kiva (revise su estado en PA2)',
      'client.mismatch': 'el id de cliente no es el cliente de este préstamo en Kiva',
    },
    ledger: {
      sentEarlier: 'enviado antes por {user}',
      changed: 'Cambiado desde el envío',
      changedDetail: '{changes} (enviado {at} por {user}): corríjalo en PA2, o elija Reenviar',
      changedUnknown: 'Kiva tiene otro contenido, enviado {at} por {user}: corríjalo en PA2, o elija Reenviar',
      change: '{field} {was} → {now}',
      someone: 'este equipo',
      earlierUncertain: 'enviado {at} por {user} sin respuesta segura',
      inFlight: 'lo está enviando {user} ahora mismo; no se envía dos veces',
      fields: {
        amount: 'monto',
        disbursal: 'fecha de desembolso',
        borrowers: 'prestatarios',
        subject: 'asunto',
      },
    },
    // ledger: lo que el registro de envíos sabe de una fila.
    ledgerRows: {
      sentEarlierBy: 'enviado antes por {user}',
      sentEarlier: 'enviado antes desde este equipo',
      uncertainEarlier: 'enviado el {at} por {user} sin respuesta segura',
      runStopped: 'el envío del {at} se detuvo antes de que Kiva respondiera',
      changed: 'cambió desde que {user} lo envió el {at} ({changes}): corríjalo en PA2 o elija Reenviar',
      changedOther: 'la fila cambió',
      someone: 'el administrador de este equipo',
    },
  },
  logHeaders: ['Hora', 'Entorno', 'Servicio', 'Filas', 'Estado HTTP', 'Referencia o mensaje de Kiva'],
};
