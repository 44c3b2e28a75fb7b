/**
 * Why a workbook file was not read, in English, Spanish and French: the `{problem}` of the `workbook-damaged` and
 * `workbook-refused` errors. The command line's file adapters raise them (src/cli/files/problems.ts); the words
 * live here with the app's other sentences. French uses U+202F before `:` `;` `?` `!` and U+00A0 inside « ».
 */
import type { MessageLanguage } from '../sheet';

export type FileProblemCode =
  | 'not-a-zip'
  | 'encrypted'
  | 'part-missing'
  | 'zip-entry'
  | 'xml-malformed'
  | 'xml-doctype'
  | 'xml-encoding'
  | 'unexpected-root'
  | 'cell-outside-row'
  | 'row-order'
  | 'row-unclosed'
  | 'cell-unclosed'
  | 'cell-order'
  | 'cell-reference'
  | 'shared-string-index'
  | 'cell-value'
  | 'cell-type'
  | 'part-too-large'
  | 'part-ratio'
  | 'format-xls'
  | 'format-ods'
  | 'format-xlsb'
  | 'format-other'
  | 'csv-quote'
  | 'csv-control'
  | 'csv-encoding';

const en: Record<FileProblemCode, string> = {
  'not-a-zip': 'it is not an .xlsx workbook (the file is not a zip package, or it is cut short)',
  encrypted: 'it is protected with a password; remove the password in Excel (File › Info) and save it again',
  'part-missing': 'the part {missing} it refers to is missing',
  'zip-entry': 'a part is stored in a way that cannot be unpacked ({detail})',
  'xml-malformed': 'the XML is malformed at line {line}, column {column}',
  'xml-doctype': 'it declares XML entities (a DOCTYPE), which no spreadsheet needs',
  'xml-encoding': 'the XML is not valid {encoding} text',
  'unexpected-root': 'it holds <{element}> where a spreadsheet part belongs',
  'cell-outside-row': 'cell {cell} is inside row {row}',
  'row-order': 'row {row} comes after row {previous}',
  'row-unclosed': 'row {row} begins before row {previous} has ended (a </row> is missing)',
  'cell-unclosed': 'cell {cell} has not ended where the next one begins (a </c> is missing)',
  'cell-order': 'cell {cell} comes after cell {previous}',
  'cell-reference': '“{cell}” is not a cell reference',
  'shared-string-index': 'cell {cell} refers to shared string {index}, but there are only {count}',
  'cell-value': 'cell {cell} holds “{value}”, which is not a valid {type} value',
  'cell-type': 'cell {cell} has the unknown type “{type}”',
  'part-too-large':
    'the part would unpack to more than {limitMb} MB, far more than a spreadsheet holds (KIVA_SHEETS_MAX_PART_MB raises the limit)',
  'part-ratio':
    'the part unpacks to more than {ratio} times its packed size, which is how a “zip bomb” looks, not a spreadsheet (KIVA_SHEETS_MAX_RATIO raises the limit)',
  'format-xls': 'it is an Excel 97-2003 workbook (.xls). Save it as Excel Workbook (.xlsx) and try again',
  'format-ods': 'it is an OpenDocument spreadsheet (.ods). Save it as Excel Workbook (.xlsx) and try again',
  'format-xlsb': 'it is an Excel binary workbook (.xlsb). Save it as Excel Workbook (.xlsx) and try again',
  'format-other': 'files ending in “{ext}” are not read. Save it as Excel Workbook (.xlsx) or as CSV and try again',
  'csv-quote':
    'the quote that opens this cell on line {line} is never closed: every line after it would be read into the cell',
  'csv-control':
    'this cell (line {line}) holds a control character ({code}), which no text contains: the file may not be CSV text',
  'csv-encoding': 'it begins with a byte-order mark for {encoding}, but its text is not valid {encoding}',
};

const es: Record<FileProblemCode, string> = {
  'not-a-zip': 'no es un libro .xlsx (el archivo no es un paquete zip, o está incompleto)',
  encrypted: 'está protegido con contraseña; quite la contraseña en Excel (Archivo › Información) y guárdelo de nuevo',
  'part-missing': 'falta la parte {missing} a la que remite',
  'zip-entry': 'una parte está guardada de un modo que no se puede descomprimir ({detail})',
  'xml-malformed': 'el XML está mal formado en la línea {line}, columna {column}',
  'xml-doctype': 'declara entidades XML (un DOCTYPE), algo que ninguna hoja de cálculo necesita',
  'xml-encoding': 'el XML no es texto {encoding} válido',
  'unexpected-root': 'contiene <{element}> donde debería haber una parte de hoja de cálculo',
  'cell-outside-row': 'la celda {cell} está dentro de la fila {row}',
  'row-order': 'la fila {row} viene después de la fila {previous}',
  'row-unclosed': 'la fila {row} empieza antes de que termine la fila {previous} (falta un </row>)',
  'cell-unclosed': 'la celda {cell} no termina donde empieza la siguiente (falta un </c>)',
  'cell-order': 'la celda {cell} viene después de la celda {previous}',
  'cell-reference': '«{cell}» no es una referencia de celda',
  'shared-string-index': 'la celda {cell} remite a la cadena compartida {index}, pero solo hay {count}',
  'cell-value': 'la celda {cell} contiene «{value}», que no es un valor {type} válido',
  'cell-type': 'la celda {cell} tiene el tipo desconocido «{type}»',
  'part-too-large':
    'la parte ocuparía más de {limitMb} MB al descomprimirse, mucho más de lo que contiene una hoja de cálculo (KIVA_SHEETS_MAX_PART_MB sube el límite)',
  'part-ratio':
    'la parte crece más de {ratio} veces al descomprimirse: así es una «bomba zip», no una hoja de cálculo (KIVA_SHEETS_MAX_RATIO sube el límite)',
  'format-xls': 'es un libro de Excel 97-2003 (.xls). Guárdelo como Libro de Excel (.xlsx) y vuelva a intentarlo',
  'format-ods':
    'es una hoja de cálculo OpenDocument (.ods). Guárdela como Libro de Excel (.xlsx) y vuelva a intentarlo',
  'format-xlsb': 'es un libro binario de Excel (.xlsb). Guárdelo como Libro de Excel (.xlsx) y vuelva a intentarlo',
  'format-other':
    'los archivos terminados en «{ext}» no se leen. Guárdelo como Libro de Excel (.xlsx) o como CSV y vuelva a intentarlo',
  'csv-quote':
    'la comilla que abre esta celda en la línea {line} no se cierra nunca: todas las líneas siguientes se leerían dentro de la celda',
  'csv-control':
    'esta celda (línea {line}) contiene un carácter de control ({code}), que ningún texto contiene: puede que el archivo no sea texto CSV',
  'csv-encoding': 'empieza con una marca de orden de bytes de {encoding}, pero su texto no es {encoding} válido',
};

const fr: Record<FileProblemCode, string> = {
  'not-a-zip': 'ce n’est pas un classeur .xlsx (le fichier n’est pas un paquet zip, ou il est tronqué)',
  encrypted:
    'il est protégé par un mot de passe\u202f; retirez le mot de passe dans Excel (Fichier › Informations) et enregistrez-le à nouveau',
  'part-missing': 'la partie {missing} à laquelle il renvoie est absente',
  'zip-entry': 'une partie est stockée d’une façon qui ne peut pas être décompressée ({detail})',
  'xml-malformed': 'le XML est mal formé à la ligne {line}, colonne {column}',
  'xml-doctype': 'il déclare des entités XML (un DOCTYPE), ce dont aucun tableur n’a besoin',
  'xml-encoding': 'le XML n’est pas du texte {encoding} valide',
  'unexpected-root': 'il contient <{element}> là où doit se trouver une partie de classeur',
  'cell-outside-row': 'la cellule {cell} est dans la ligne {row}',
  'row-order': 'la ligne {row} vient après la ligne {previous}',
  'row-unclosed': 'la ligne {row} commence avant la fin de la ligne {previous} (il manque un </row>)',
  'cell-unclosed': 'la cellule {cell} ne se termine pas là où la suivante commence (il manque un </c>)',
  'cell-order': 'la cellule {cell} vient après la cellule {previous}',
  'cell-reference': '«\u00a0{cell}\u00a0» n’est pas une référence de cellule',
  'shared-string-index': 'la cellule {cell} renvoie à la chaîne partagée {index}, mais il n’y en a que {count}',
  'cell-value': 'la cellule {cell} contient «\u00a0{value}\u00a0», qui n’est pas une valeur {type} valide',
  'cell-type': 'la cellule {cell} a le type inconnu «\u00a0{type}\u00a0»',
  'part-too-large':
    'la partie dépasserait {limitMb} Mo une fois décompressée, bien plus que ce que contient un classeur (KIVA_SHEETS_MAX_PART_MB relève la limite)',
  'part-ratio':
    'la partie grossit de plus de {ratio} fois à la décompression\u00a0: c’est l’allure d’une «\u00a0bombe zip\u00a0», pas d’un classeur (KIVA_SHEETS_MAX_RATIO relève la limite)',
  'format-xls': 'c’est un classeur Excel 97-2003 (.xls). Enregistrez-le au format Classeur Excel (.xlsx) et réessayez',
  'format-ods':
    'c’est une feuille de calcul OpenDocument (.ods). Enregistrez-la au format Classeur Excel (.xlsx) et réessayez',
  'format-xlsb':
    'c’est un classeur binaire Excel (.xlsb). Enregistrez-le au format Classeur Excel (.xlsx) et réessayez',
  'format-other':
    'les fichiers se terminant par «\u00a0{ext}\u00a0» ne sont pas lus. Enregistrez-le au format Classeur Excel (.xlsx) ou en CSV et réessayez',
  'csv-quote':
    'le guillemet qui ouvre cette cellule à la ligne {line} n’est jamais refermé\u00a0: toutes les lignes suivantes seraient lues dans la cellule',
  'csv-control':
    'cette cellule (ligne {line}) contient un caractère de contrôle ({code}), qu’aucun texte ne contient\u00a0: le fichier n’est peut-être pas du texte CSV',
  'csv-encoding':
    'il commence par une marque d’ordre des octets {encoding}, mais son texte n’est pas du {encoding} valide',
};

const CATALOGUES: Record<MessageLanguage, Record<FileProblemCode, string>> = { en, es, fr };

export function fileProblemTemplate(lang: MessageLanguage | string | undefined, code: string): string | undefined {
  const catalogue = lang === 'es' || lang === 'fr' ? CATALOGUES[lang] : en;
  return (catalogue as Record<string, string | undefined>)[code];
}

export const FILE_PROBLEM_CODES = Object.keys(en) as FileProblemCode[];
